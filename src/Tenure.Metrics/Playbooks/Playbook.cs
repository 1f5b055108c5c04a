namespace Tenure.Metrics.Playbooks;

/// <summary>Who a playbook task goes to: the account's CSM (from accounts.csv) or a named user.</summary>
public enum TaskOwnerKind
{
    /// <summary>The CSM of the alert's account; the task has no owner when the account has none.</summary>
    Csm,

    /// <summary>A named person (the name as accounts.csv and tasks.csv give owners, e.g. "ann").</summary>
    User,
}

/// <summary>A playbook task's owner: <c>"csm"</c> or <c>"user:ann"</c> in alerts.json.</summary>
/// <param name="Kind">The account's CSM or a named user.</param>
/// <param name="Name">The user's name for <see cref="TaskOwnerKind.User"/>; null for <see cref="TaskOwnerKind.Csm"/>.</param>
public sealed record TaskOwner(TaskOwnerKind Kind, string? Name)
{
    /// <summary>The account's CSM.</summary>
    public static TaskOwner Csm { get; } = new(TaskOwnerKind.Csm, null);

    /// <summary>The owner of the task for an account whose CSM is <paramref name="accountCsm"/>.</summary>
    public string? For(string? accountCsm) => Kind == TaskOwnerKind.Csm ? accountCsm : Name;

    /// <summary>The alerts.json form: "csm" or "user:NAME".</summary>
    public override string ToString() => Kind == TaskOwnerKind.Csm ? "csm" : "user:" + Name;
}

/// <summary>One task of a playbook: what to do, when it is due (days after the alert opened) and whose it is.</summary>
/// <param name="Title">What to do, for people (1-200 characters).</param>
/// <param name="DueInDays">Due this many whole days after the alert opened (0 = the same instant), 0-365.</param>
/// <param name="Owner">The account's CSM or a named user.</param>
/// <param name="Category">The task's category (the "work focus" split of tasks-completed); null for none.</param>
public sealed record PlaybookTask(string Title, int DueInDays, TaskOwner Owner, string? Category);

/// <summary>
/// A rule's playbook: the tasks created, in order, when an alert of the rule opens (docs/tasks.md). Started
/// once per opened alert: an alert that stays open over many evaluations never starts it again.
/// </summary>
/// <param name="Rule">The alert rule id that starts it.</param>
/// <param name="Name">A name for people ("Rescue a red account"); the rule id when not given.</param>
/// <param name="Tasks">1-20 task templates, in order.</param>
public sealed record Playbook(string Rule, string Name, IReadOnlyList<PlaybookTask> Tasks)
{
    /// <summary>The most tasks one playbook may create.</summary>
    public const int MaxTasks = 20;

    /// <summary>The latest a task may be due after its alert opened.</summary>
    public const int MaxDueInDays = 365;

    /// <summary>The longest task title (a title is for a list, details go in comments).</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest owner name or category.</summary>
    public const int MaxNameLength = 100;
}
