using Tenure.Predictive.Churn;

namespace Tenure.Predictive.Tests.Churn;

/// <summary>IBM Telco churn (7,043 customers), cross-validated once for the class: it takes seconds.</summary>
public sealed class TelcoFixture
{
    public TelcoFixture()
    {
        Table = ChurnTable.ReadForTraining(TestData.TelcoChurn, "customerID", "Churn", []);
        Evaluation = ChurnEvaluation.CrossValidate(Table, 5);
    }

    public ChurnTable Table { get; }

    public ChurnEvaluation Evaluation { get; }
}
