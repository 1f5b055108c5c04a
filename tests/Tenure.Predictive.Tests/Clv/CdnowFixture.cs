using Tenure.Predictive.Clv;

namespace Tenure.Predictive.Tests.Clv;

/// <summary>The CDNOW 1/10 sample, summarised for calibration weeks 1-39 and fitted once for the class.</summary>
public sealed class CdnowFixture
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    public CdnowFixture()
    {
        // CDNOW_sample.txt: master id, sample id, yyyyMMdd date, CDs, dollars; space-separated, no header.
        Transactions = TransactionLogReader.Read(TestData.CdnowSample, new TransactionLogLayout("2", "3", "5", "yyyyMMdd"));
        Summaries = CustomerSummaryBuilder.Build(Transactions, CalibrationEnd);
        Model = ClvModel.Fit(Summaries);
    }

    public IReadOnlyList<Transaction> Transactions { get; }

    public IReadOnlyList<CustomerSummary> Summaries { get; }

    public ClvModel Model { get; }
}
