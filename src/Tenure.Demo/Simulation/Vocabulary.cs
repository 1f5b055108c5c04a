namespace Tenure.Demo.Simulation;

/// <summary>The words the demo data is made of: people, plans, industries, comments.</summary>
internal static class Vocabulary
{
    public const string Currency = "USD";

    public static readonly string[] Segments = ["smb", "mid-market", "enterprise"];
    public static readonly double[] SegmentWeights = [0.62, 0.28, 0.10];

    public static readonly string[] Regions = ["NA", "EMEA", "APAC", "LATAM"];
    public static readonly double[] RegionWeights = [0.45, 0.32, 0.15, 0.08];

    /// <summary>The first UTC hour of the business day in each region (events fall in the nine hours after it).</summary>
    public static readonly int[] RegionFirstHour = [13, 7, 0, 12];

    /// <summary>Industries named in the NPS benchmarks of METRICS.md, with that benchmark (2020, Retently via NetSuite).</summary>
    public static readonly (string Name, int BenchmarkNps, double Weight)[] Industries =
    [
        ("software and technology", 44, 0.24),
        ("financial services", 34, 0.12),
        ("healthcare", 27, 0.10),
        ("ecommerce", 48, 0.12),
        ("education", 71, 0.08),
        ("insurance", 70, 0.05),
        ("consulting", 51, 0.07),
        ("advertising and digital marketing", 61, 0.07),
        ("construction", 43, 0.05),
        ("transportation and logistics", 29, 0.06),
        ("saas", 30, 0.04),
    ];

    public static readonly double[] IndustryWeights = Industries.Select(i => i.Weight).ToArray();

    /// <summary>The CSMs: two per segment (enterprise, mid-market, smb).</summary>
    public static readonly string[][] CsmsBySegment = [["elif", "femi"], ["carla", "dev"], ["ann", "ben"]];

    public static readonly string[] Csms = ["ann", "ben", "carla", "dev", "elif", "femi"];

    public static readonly string[] Agents = ["sam", "priya", "lucas", "mei", "omar", "zoe", "ivan", "nora"];

    public static readonly string[] Channels = ["email", "chat", "web", "phone"];
    public static readonly double[] ChannelWeights = [0.45, 0.30, 0.15, 0.10];

    /// <summary>Plans by level; list price per seat per month.</summary>
    public static readonly string[] Plans = ["starter", "growth", "enterprise"];
    public static readonly decimal[] PlanSeatPrice = [25m, 49m, 89m];

    /// <summary>Plan level weights per segment (smb, mid-market, enterprise).</summary>
    public static readonly double[][] PlanWeightsBySegment = [[0.72, 0.28, 0.0], [0.15, 0.65, 0.20], [0.0, 0.22, 0.78]];

    public static readonly string[] UsageEvents =
        ["login", "dashboard_viewed", "report_created", "report_exported", "integration_synced", "alert_configured", "user_invited", "api_call"];
    public static readonly double[] UsageEventWeights = [0.34, 0.26, 0.10, 0.07, 0.09, 0.04, 0.02, 0.08];

    /// <summary>Signup weight of each calendar month (January first): busy after new year and in autumn, quiet in summer and December.</summary>
    public static readonly double[] SignupSeasonality = [1.25, 1.10, 1.15, 1.00, 0.95, 0.85, 0.75, 0.70, 1.15, 1.20, 1.00, 0.70];

    /// <summary>Product usage per calendar month, relative to a normal month.</summary>
    public static readonly double[] UsageSeasonality = [1.05, 1.0, 1.0, 1.0, 1.0, 0.95, 0.9, 0.85, 1.0, 1.0, 1.0, 0.7];

    public static readonly string[] NamePrefixes =
        ["North", "Blue", "Silver", "Bright", "Cedar", "Harbor", "Summit", "Atlas", "Nova", "Pine", "River", "Stone", "Maple", "Iron", "Golden", "Clear", "Quantum", "Vertex", "Lumen", "Orbit", "Red", "Oak", "Sky", "Delta"];
    public static readonly string[] NameCores =
        ["wind", "field", "leaf", "path", "bridge", "point", "gate", "stack", "works", "line", "wave", "peak", "forge", "light", "craft", "hub", "grid", "mark"];
    public static readonly string[] NameSuffixes = ["Inc.", "Ltd", "GmbH", "LLC", "SA", "Pty Ltd", "Group", "Co.", "AB", "BV"];

    /// <summary>Account names that test CSV quoting and encodings; a few accounts get one.</summary>
    public static readonly string[] AwkwardNames =
        ["Smith, Jones & Partners", "\"Quoted\" Labs Inc.", "Café Zürich GmbH", "Ōkami 株式会社", "O'Neill & Sons, Ltd.", "Señor Software S.A."];

    public static readonly string[] PromoterComments =
    [
        "The health dashboards save me hours every week.",
        "Onboarding was smooth and support answers fast.",
        "Love the renewal forecasts, our board finally trusts the numbers.",
        "Easy to use and the team listens to feedback.",
        "Best tool we bought this year. Our CSMs live in it.",
        "Setup took an afternoon, not a quarter.",
        "Great product, great people.",
        "The Slack alerts caught two at-risk accounts before renewal.",
    ];

    public static readonly string[] PassiveComments =
    [
        "Does the job. Reporting could be more flexible.",
        "Good overall, but the mobile view is clunky.",
        "Solid, though pricing went up at renewal.",
        "Fine for us; we mostly use the NPS part.",
        "Would like more integrations (HubSpot, Pipedrive).",
        "Works well once you learn where things are.",
    ];

    public static readonly string[] DetractorComments =
    [
        "Reports are slow to load when we have a lot of data.",
        "We were billed twice in March and it took weeks to sort out.",
        "Missing a Salesforce integration, which is a dealbreaker for us.",
        "Support takes days to reply.",
        "Too expensive for what we actually use.",
        "The new UI broke our team's workflow.",
        "Data sync fails every few days and nobody explains why.",
        "Hard to get value without a dedicated admin.",
    ];

    public static readonly string[] CsatPositiveComments =
    [
        "Quick and friendly, thanks!",
        "Solved on the first reply.",
        "Priya was super helpful.",
        "Clear explanation, problem gone.",
        "Thanks for staying on the call until it worked.",
    ];

    public static readonly string[] CsatNegativeComments =
    [
        "Had to explain the problem three times.",
        "Took a week to get a real answer.",
        "The fix did not work, issue came back next day.",
        "Closed my ticket without asking me.",
    ];

    public static readonly string[] EffortComments =
    [
        "Easy, took two minutes.",
        "Had to jump between three screens to find it.",
        "The import wizard was confusing.",
        "Straightforward.",
    ];

    /// <summary>
    /// Comments that break naive CSV and HTML handling: commas, quotes, line breaks, markup,
    /// non-ASCII text, a spreadsheet formula. Every data set holds each of them at least once.
    /// </summary>
    public static readonly string[] AwkwardComments =
    [
        "Great product, but the \"export\" button is hidden, please fix",
        "Line one\nline two, with a comma",
        "<script>alert(1)</script>",
        "très bien, merci ! L'équipe support est géniale",
        "She said \"it's fine\", then left",
        "Windows line\r\nbreak and a tab\there",
        "日本語のコメント：とても使いやすい",
        "=SUM(A1:A9)",
        "Ça marche 👍 mais c'est lent",
    ];

    public static readonly string[] NoteSources = ["interview", "customer_day", "review", "call"];

    public static readonly string[] PositiveNotes =
    [
        "Champion is happy with the rollout; wants to present at the customer day.",
        "Exec sponsor mentioned expanding to the EMEA team next quarter.",
        "Review on G2: \"Finally one place for churn, NPS and support numbers.\"",
        "Interview: they use the health score in their weekly pipeline meeting.",
    ];

    public static readonly string[] NeutralNotes =
    [
        "Asked about SSO and audit logs, wants a roadmap date.",
        "Call: new admin, needs a refresher training.",
        "Budget review in Q3; renewal depends on it.",
    ];

    public static readonly string[] NegativeNotes =
    [
        "Champion left the company; new contact is not convinced.",
        "Complained about sync errors, asked for a credit.",
        "Review: \"Good idea, buggy execution\", 2 stars.",
        "Evaluating a cheaper competitor, wants a discount to stay.",
    ];

    public static readonly string[] InternalTaskCategories = ["training", "admin"];
}
