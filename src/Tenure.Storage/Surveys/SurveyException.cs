namespace Tenure.Storage.Surveys;

/// <summary>A survey request that breaks a rule (an NPS survey on 1-5, an unknown survey, a throttled person): the message names the field and the rule; nothing is saved.</summary>
public sealed class SurveyException(string message) : Exception(message);
