namespace Tenure.Cli.Output;

/// <summary>How results are printed: a table for people, JSON or CSV for machines.</summary>
public enum OutputFormat { Table, Json, Csv }
