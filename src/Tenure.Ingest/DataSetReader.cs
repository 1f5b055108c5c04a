using Tenure.Ingest.Readers;
using Tenure.Metrics.Inputs;

namespace Tenure.Ingest;

/// <summary>
/// Reads a set of CSV input files (DESIGN.md "Inputs") into a <see cref="TenureDataSet"/>, all or
/// nothing: when any file breaks a rule the result has no data set and lists the errors of every file.
/// </summary>
/// <remarks>
/// accounts.csv is read first, so every account_id in the other files can be checked against it
/// (and share its strings); the other files are then read in parallel, largest first. Without
/// accounts.csv in the same call, or when it could not be read to its end, account ids are not checked.
/// Errors come in <see cref="InputKinds.All"/> file order, then line order; problems with the file
/// set itself (unknown name, missing or repeated file) come first, with line 0.
/// <see cref="ReadOptions.KnownAccounts"/> adds accounts known from elsewhere (a database) to those checked.
/// </remarks>
public static class DataSetReader
{
    private static readonly EnumerationOptions CsvFiles = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        RecurseSubdirectories = false,
    };

    /// <summary>
    /// Reads every known input file (accounts.csv, ...; names matched case-insensitively) in
    /// <paramref name="directory"/>; other files are ignored. A kind whose file is absent is not in
    /// <see cref="TenureDataSet.Present"/>.
    /// </summary>
    public static ReadResult ReadDirectory(string directory, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            return new ReadResult(null, [new InputError(directory, 0, null, "directory not found")]);

        var files = new List<InputFile>();
        foreach (string path in Directory.EnumerateFiles(directory, "*.csv", CsvFiles))
        {
            if (TryKindOf(Path.GetFileName(path), out var kind))
                files.Add(new InputFile(kind, path));
        }
        return Read(files, [], options ?? ReadOptions.Default);
    }

    /// <summary>
    /// Reads the given files; each one's kind comes from its file name (accounts.csv, ..., matched
    /// case-insensitively). An unknown name, a missing file or a kind given twice is an error.
    /// </summary>
    public static ReadResult ReadFiles(IEnumerable<string> paths, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<InputFile>();
        var errors = new List<InputError>();
        foreach (string path in paths)
        {
            string name = Path.GetFileName(path);
            if (!TryKindOf(name, out var kind))
                errors.Add(new InputError(name, 0, null, $"unknown input file; expected one of {string.Join(", ", InputKinds.All.Select(k => k.FileName))}"));
            else if (!File.Exists(path))
                errors.Add(new InputError(name, 0, null, $"file not found: {path}"));
            else
                files.Add(new InputFile(kind, path));
        }
        return Read(files, errors, options ?? ReadOptions.Default);
    }

    private static ReadResult Read(List<InputFile> files, List<InputError> setErrors, ReadOptions options)
    {
        files = files.Where(f => (f.Kind & options.Kinds) != 0).ToList();
        var byKind = new InputFile?[InputKinds.All.Count];
        foreach (var file in files)
        {
            int slot = SlotOf(file.Kind);
            if (byKind[slot] is { } first)
                setErrors.Add(new InputError(Path.GetFileName(file.Path), 0, null, $"given more than once ({first.Path}, {file.Path})"));
            else
                byKind[slot] = file;
        }

        var parts = new TenureDataSet?[byKind.Length];
        var fileErrors = new IReadOnlyList<InputError>[byKind.Length];
        AccountIndex? accounts = null;
        int accountsSlot = InputKinds.IndexOf(InputKind.Accounts);
        if (byKind[accountsSlot] is { } accountsFile)
        {
            fileErrors[accountsSlot] = ReadFile(accountsFile.Path, reader =>
            {
                var result = AccountsReader.Read(reader, Path.GetFileName(accountsFile.Path), options, out accounts);
                parts[accountsSlot] = InputKinds.Accounts.WithRows(new TenureDataSet(), result.Rows);
                return result.Errors;
            });
        }

        if (options.KnownAccounts is { } known)
        {
            // accounts.csv that could not be read to its end leaves the ids unchecked, as without a store.
            if (byKind[accountsSlot] is null)
                accounts = known;
            else if (accounts is not null)
                accounts = accounts.Union(known);
        }

        var others = byKind.OfType<InputFile>()
            .Where(f => f.Kind != InputKind.Accounts)
            .OrderByDescending(f => new FileInfo(f.Path).Length)
            .ToArray();
        Parallel.ForEach(others, file =>
        {
            int slot = SlotOf(file.Kind);
            if (file.Kind == InputKind.Usage)
            {
                // The largest input: read in parallel chunks of its lines when it is large (UsageReader).
                fileErrors[slot] = ReadUsage(file.Path, accounts, options, out parts[slot]);
                return;
            }
            fileErrors[slot] = ReadFile(file.Path, reader =>
            {
                var read = KindReader.ReadCsv(InputKinds.All[slot], reader, accounts, options, Path.GetFileName(file.Path));
                parts[slot] = read.Data;
                return read.Errors;
            });
        });

        var errors = setErrors;
        foreach (var list in fileErrors)
        {
            if (list is not null)
                errors.AddRange(list);
        }
        if (errors.Count > 0)
            return new ReadResult(null, errors);

        var present = InputKind.None;
        var data = new TenureDataSet();
        for (int slot = 0; slot < byKind.Length; slot++)
        {
            if (byKind[slot] is { } file && parts[slot] is { } part)
            {
                present |= file.Kind;
                data = InputKinds.All[slot].CopyRows(data, part);
            }
        }
        return new ReadResult(data with { Present = present }, []);
    }

    private static IReadOnlyList<InputError> ReadFile(string path, Func<TextReader, IReadOnlyList<InputError>> read)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            using var reader = new StreamReader(stream, CsvInputReader.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            return read(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [new InputError(Path.GetFileName(path), 0, null, $"cannot read the file: {e.Message}")];
        }
    }

    private static IReadOnlyList<InputError> ReadUsage(string path, AccountIndex? accounts, ReadOptions options, out TenureDataSet? part)
    {
        part = null;
        try
        {
            var read = UsageReader.ReadDays(path, Path.GetFileName(path), accounts, options);
            if (read.IsValid)
                part = InputKinds.Usage.WithRows(new TenureDataSet { Present = InputKind.Usage }, read.Rows);
            return read.Errors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [new InputError(Path.GetFileName(path), 0, null, $"cannot read the file: {e.Message}")];
        }
    }

    private static bool TryKindOf(string fileName, out InputKind kind)
    {
        kind = InputKinds.OfFileName(fileName)?.Kind ?? InputKind.None;
        return kind != InputKind.None;
    }

    private static int SlotOf(InputKind kind) => InputKinds.IndexOf(kind);

    private sealed record InputFile(InputKind Kind, string Path);
}
