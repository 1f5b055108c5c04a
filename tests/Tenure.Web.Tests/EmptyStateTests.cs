using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Inputs;
using Tenure.Web.Dashboards;

namespace Tenure.Web.Tests;

/// <summary>What an empty card says: the files to import, or why a metric whose files are all there still has no figure.</summary>
public sealed class EmptyStateTests
{
    [Fact]
    public void A_missing_file_is_named_with_how_to_import_it()
    {
        var empty = EmptyState.For(MetricCatalogue.Get("mrr"), InputKind.Accounts);

        Assert.Equal("No data: needs subscriptions.csv.", empty.Message);
        Assert.Contains("tenure import DIR", empty.HowTo, StringComparison.Ordinal);
        Assert.Contains("/api/v1/subscriptions", empty.HowTo, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_rate_with_surveys_imported_says_no_survey_was_sent_instead_of_asking_for_the_file_again()
    {
        var empty = EmptyState.For(MetricCatalogue.Get("response-rate"), InputKind.Accounts | InputKind.Surveys);

        Assert.Equal("No data: no survey was sent through Tenure yet (imported responses have no sends).", empty.Message);
        Assert.Contains("/surveys", empty.HowTo, StringComparison.Ordinal);
        Assert.DoesNotContain("surveys.csv", empty.Message + empty.HowTo, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_rate_without_surveys_still_asks_for_the_file()
    {
        var empty = EmptyState.For(MetricCatalogue.Get("response-rate"), InputKind.Accounts);

        Assert.Equal("No data: needs surveys.csv.", empty.Message);
    }
}
