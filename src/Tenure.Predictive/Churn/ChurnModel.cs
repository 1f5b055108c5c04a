using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

using Microsoft.ML;
using Microsoft.ML.Data;

using Tenure.Predictive.Input;

namespace Tenure.Predictive.Churn;

/// <summary>
/// A trained churn model: the ML.NET pipeline plus what it needs to read a new file (id column,
/// feature columns and their kinds). Saved as one zip holding the ML.NET model and a JSON description.
/// </summary>
public sealed class ChurnModel
{
    private const string MlNetEntry = "mlnet-model.zip";
    private const string InfoEntry = "tenure-churn-model.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly DataViewSchema inputSchema;
    private readonly LinearExplainer? explainer;

    internal ChurnModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ChurnModelInfo info, LinearExplainer? explainer = null)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.inputSchema = inputSchema;
        this.explainer = explainer;
        Info = info;
    }

    public ChurnModelInfo Info { get; }

    /// <summary>
    /// Whether <see cref="Explain"/> can split this model's predictions into per-feature contributions:
    /// true for the logistic learners as trained (a model loaded from a file keeps no training means).
    /// </summary>
    public bool CanExplain => explainer is not null;

    /// <summary>The log-odds of churn of the average training account, the point <see cref="Explain"/> measures from; null when <see cref="CanExplain"/> is false.</summary>
    public double? AverageLogOdds => explainer?.AverageLogOdds;

    /// <summary>
    /// Per row of <paramref name="table"/>, per feature of <see cref="ChurnTable.Features"/> (same order), how
    /// much the feature moves the account's log-odds of churn away from the average training account's:
    /// positive raises the risk. The contributions of a row add up exactly to its log-odds minus
    /// <see cref="AverageLogOdds"/> (ADR 0095). Null when <see cref="CanExplain"/> is false.
    /// </summary>
    public double[][]? Explain(ChurnTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (explainer is null)
            return null;
        return explainer.Contributions(transformer.Transform(new ChurnDataView(table, withLabel: false)), table.Features.Count);
    }

    /// <summary>The churn probability of every row of <paramref name="table"/>, in row order.</summary>
    public float[] Score(ChurnTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var scored = transformer.Transform(new ChurnDataView(table, withLabel: false));
        var column = scored.Schema["Probability"];
        var result = new float[table.RowCount];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        var i = 0;
        float p = 0;
        while (cursor.MoveNext())
        {
            getter(ref p);
            result[i++] = p;
        }
        return result;
    }

    /// <summary>Reads a file to score with this model's id and feature columns.</summary>
    public ChurnTable ReadForScoring(string path) => ChurnTable.ReadForScoring(path, Info.IdColumn, Info.Features);

    public void Save(string path)
    {
        using var inner = new MemoryStream();
        // The scoring schema has no label; the model never reads it when scoring.
        ml.Model.Save(transformer, inputSchema, inner);
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var model = zip.CreateEntry(MlNetEntry, CompressionLevel.NoCompression);
        using (var s = model.Open())
            s.Write(inner.GetBuffer(), 0, (int)inner.Length);
        var info = zip.CreateEntry(InfoEntry);
        using (var s = info.Open())
            JsonSerializer.Serialize(s, Info, Json);
    }

    /// <exception cref="PredictiveInputException">The file is not a Tenure churn model.</exception>
    public static ChurnModel Load(string path)
    {
        var name = Path.GetFileName(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var infoEntry = zip.GetEntry(InfoEntry);
            var modelEntry = zip.GetEntry(MlNetEntry);
            if (infoEntry is null || modelEntry is null)
                throw new PredictiveInputException(name, 0, null, "not a churn model written by `tenure churn-model train`");
            ChurnModelInfo info;
            using (var s = infoEntry.Open())
            {
                using var document = JsonDocument.Parse(s);
                var version = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt32(out var n) ? n : 0;
                if (version < 1 || version > ChurnModelInfo.CurrentVersion)
                    throw new PredictiveInputException(name, 0, null,
                        $"model file format version {version} is not one this Tenure reads (1 to {ChurnModelInfo.CurrentVersion}); retrain it with `tenure churn-model train`");
                info = document.Deserialize<ChurnModelInfo>(Json) ?? throw new PredictiveInputException(name, 0, null, "the model description is empty");
            }
            using var inner = new MemoryStream();
            using (var s = modelEntry.Open())
                s.CopyTo(inner);
            inner.Position = 0;
            var ml = new MLContext();
            var transformer = ml.Model.Load(inner, out var schema);
            return new ChurnModel(ml, transformer, schema, info);
        }
        catch (InvalidDataException e)
        {
            throw new PredictiveInputException(name, 0, null, $"not a churn model file ({e.Message})");
        }
        catch (JsonException e)
        {
            throw new PredictiveInputException(name, 0, null, $"the model description is unreadable ({e.Message})");
        }
    }
}
