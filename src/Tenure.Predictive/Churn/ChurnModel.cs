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

    internal ChurnModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ChurnModelInfo info)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.inputSchema = inputSchema;
        Info = info;
    }

    public ChurnModelInfo Info { get; }

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
                info = JsonSerializer.Deserialize<ChurnModelInfo>(s, Json) ?? throw new PredictiveInputException(name, 0, null, "the model description is empty");
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
