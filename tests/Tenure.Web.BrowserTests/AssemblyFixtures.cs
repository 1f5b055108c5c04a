using Tenure.Web.BrowserTests;

[assembly: AssemblyFixture(typeof(BrowserServer))]
// One browser and one server for every test; the tests are one class, so they run one at a time and timings are not disturbed.
