using System.Text.Json;

using Tenure.Metrics.Catalogue;
using Tenure.Metrics.Goals;
using Tenure.Metrics.Reporting;
using Tenure.Storage.Alerts;

namespace Tenure.Storage.Goals;

/// <summary>
/// The JSON of goals, one writer for `tenure goal list --format json` and GET /api/v1/goals:
/// <c>{"goals":[{"metric":"churn-rate","name":"Customer churn rate","direction":"at_most","target":5,"unit":"%","period":"month","scope":"all","csm":null,"segment":null,"updated_at":"2026-12-01T11:00:00Z","updated_by":"cli"}]}</c>.
/// The target is the exact number stored; unit is the catalogue's symbol (<see cref="MetricUnits.Symbol"/>).
/// </summary>
public static class GoalJson
{
    public static void WriteList(Utf8JsonWriter json, IReadOnlyList<StoredGoal> goals)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(goals);
        json.WriteStartObject();
        json.WriteStartArray("goals");
        foreach (var g in goals) Write(json, g);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, StoredGoal stored)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(stored);
        var goal = stored.Goal;
        var definition = goal.Definition;
        json.WriteStartObject();
        json.WriteString("metric", goal.MetricId);
        json.WriteString("name", definition.Name);
        json.WriteString("direction", GoalNames.Of(goal.Direction));
        json.WriteNumber("target", MetricNumbers.ForMachines(goal.Target));
        json.WriteString("unit", definition.Unit.Symbol());
        json.WriteString("period", GoalNames.Of(goal.Period));
        json.WriteString("scope", GoalNames.Of(goal.Scope.Kind));
        if (goal.Scope.Kind == GoalScopeKind.Csm) json.WriteString("csm", goal.Scope.Value); else json.WriteNull("csm");
        if (goal.Scope.Kind == GoalScopeKind.Segment) json.WriteString("segment", goal.Scope.Value); else json.WriteNull("segment");
        json.WriteString("updated_at", AlertJson.Instant(stored.UpdatedAt));
        json.WriteString("updated_by", stored.UpdatedBy);
        json.WriteEndObject();
    }
}
