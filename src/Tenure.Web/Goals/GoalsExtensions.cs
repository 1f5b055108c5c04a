namespace Tenure.Web.Goals;

/// <summary>Registers the goals services (the goals page and API read and write through <see cref="GoalBoard"/>).</summary>
public static class GoalsExtensions
{
    public static IHostApplicationBuilder AddTenureGoals(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<GoalBoard>();
        return builder;
    }
}
