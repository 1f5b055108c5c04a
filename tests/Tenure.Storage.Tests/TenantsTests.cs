namespace Tenure.Storage.Tests;

public sealed class TenantsTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("a")]
    [InlineData("acme-eu_2")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void IsValidName_Valid(string name) => Assert.True(Tenants.IsValidName(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("acme corp")]
    [InlineData("acme.eu")]
    [InlineData("ünï")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void IsValidName_Invalid(string? name) => Assert.False(Tenants.IsValidName(name));
}
