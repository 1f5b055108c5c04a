using Tenure.Web;

TenureWebApplication.Build(args).Run();

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
