using Tenure.Web.BrowserTests;

[assembly: AssemblyFixture(typeof(BrowserServer))]
