using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using DossierWorkflow.Definitions.Fees;

namespace DossierWorkflow.Definitions.Metadata;

/// <summary>
/// Reads one procedure.json (schema: Procedures/procedure.schema.json) and checks what the JSON shape cannot:
/// value ranges, dependent fields, non-overlapping dated versions. Every problem is reported at once.
/// </summary>
internal static partial class ProcedureMetadataReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public static ProcedureFile Read(string fileName, string json, string? folderName = null)
    {
        ProcedureFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ProcedureFile>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ProcedureMetadataException(fileName, [$"{ex.Path ?? "$"}: {Describe(ex)}"]);
        }

        if (file is null)
        {
            throw new ProcedureMetadataException(fileName, ["$: the file holds null instead of a procedure object"]);
        }

        var problems = new List<string>();
        Validate(file, folderName, problems);
        if (problems.Count > 0)
        {
            throw new ProcedureMetadataException(fileName, problems);
        }

        return file with { Versions = [.. file.Versions.OrderBy(v => v.EffectiveFrom)] };
    }

    /// <summary>Enumerated fields by JSON name, so an invalid value can be answered with the allowed ones.</summary>
    private static readonly Dictionary<string, Type> EnumFields = new(StringComparer.Ordinal)
    {
        ["unit"] = typeof(LegalTimeUnit),
        ["onlineLevel"] = typeof(OnlineServiceLevel),
        ["implementingLevel"] = typeof(UnitLevel),
        ["delivery"] = typeof(DeliveryMethod),
        ["form"] = typeof(DocumentForm),
        ["requirement"] = typeof(DocumentRequirement),
        ["setBy"] = typeof(FeeAuthority),
        ["chargedPer"] = typeof(FeeBasis),
        ["onlinePayment"] = typeof(OnlinePaymentTiming),
    };

    /// <summary>Rewrites System.Text.Json's messages (which name .NET types) in the terms of procedure.json.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        var missing = MissingProperties().Match(message);
        if (missing.Success)
        {
            message = $"required field(s) missing: {missing.Groups[1].Value}";
        }
        else if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            message = "unknown field; check its spelling against procedure.schema.json";
        }
        else if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var field = FieldName().Match(ex.Path ?? "").Groups[1].Value;
            message = EnumFields.TryGetValue(field, out var type)
                ? $"invalid value; allowed: {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName))}"
                : "invalid value for this field (wrong type or format; dates are yyyy-MM-dd, amounts and days whole numbers)";
        }

        return ex.LineNumber is { } line ? $"{message} (line {line + 1})" : message;
    }

    private static void Validate(ProcedureFile file, string? folderName, List<string> problems)
    {
        if (!CodePattern().IsMatch(file.Code))
        {
            problems.Add($"$.code: '{file.Code}' is not a national procedure code like 1.001193");
        }

        if (!KeyPattern().IsMatch(file.Key))
        {
            problems.Add($"$.key: '{file.Key}' must be lower-case words joined by hyphens, e.g. birth-registration");
        }

        if (folderName is not null && folderName != $"{file.Code}-{file.Key}")
        {
            problems.Add($"$.code/$.key: the folder '{folderName}' must be named '{file.Code}-{file.Key}'");
        }

        if (file.Versions.IsDefaultOrEmpty)
        {
            problems.Add("$.versions: at least one dated version is required");
            return;
        }

        for (var i = 0; i < file.Versions.Length; i++)
        {
            ValidateVersion(file.Versions[i], $"$.versions[{i}]", problems);
        }

        var ordered = file.Versions.Select((v, i) => (Version: v, Index: i)).OrderBy(x => x.Version.EffectiveFrom).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            var previous = ordered[i - 1];
            var current = ordered[i];
            if (previous.Version.EffectiveFrom == current.Version.EffectiveFrom)
            {
                problems.Add($"$.versions[{current.Index}].effectiveFrom: {current.Version.EffectiveFrom:yyyy-MM-dd} is also the start of versions[{previous.Index}]");
            }
            else if (previous.Version.EffectiveTo is { } end && end >= current.Version.EffectiveFrom)
            {
                problems.Add($"$.versions[{previous.Index}].effectiveTo: {end:yyyy-MM-dd} overlaps versions[{current.Index}], which starts on {current.Version.EffectiveFrom:yyyy-MM-dd}");
            }
        }
    }

    private static void ValidateVersion(ProcedureVersion v, string at, List<string> problems)
    {
        if (v.EffectiveTo is { } to && to < v.EffectiveFrom)
        {
            problems.Add($"{at}.effectiveTo: {to:yyyy-MM-dd} is before effectiveFrom {v.EffectiveFrom:yyyy-MM-dd}");
        }

        Text(v.NameVi, $"{at}.nameVi", problems);
        Text(v.NameEn, $"{at}.nameEn", problems);
        Text(v.Sector, $"{at}.sector", problems);
        Text(v.SectorEn, $"{at}.sectorEn", problems);
        Text(v.ImplementingAgency, $"{at}.implementingAgency", problems);
        Text(v.ImplementingAgencyEn, $"{at}.implementingAgencyEn", problems);
        Text(v.ResultVi, $"{at}.resultVi", problems);
        Text(v.ResultEn, $"{at}.resultEn", problems);

        switch (v.ProcessingTime)
        {
            case { Unit: LegalTimeUnit.SameDay, Days: not 0 }:
                problems.Add($"{at}.processingTime.days: must be 0 for a same-day procedure");
                break;
            case { Unit: LegalTimeUnit.WorkingDays, Days: < 1 }:
                problems.Add($"{at}.processingTime.days: must be at least 1 working day (use unit same-day otherwise)");
                break;
        }

        if (v.Verification is { } verification)
        {
            if (verification.ExtraWorkingDays < 1)
            {
                problems.Add($"{at}.verification.extraWorkingDays: must be at least 1 (omit verification when the law allows none)");
            }

            Text(verification.WhenVi, $"{at}.verification.whenVi", problems);
            Text(verification.WhenEn, $"{at}.verification.whenEn", problems);
        }

        ValidateFee(v.Fee, $"{at}.fee", problems);

        NonEmpty(v.Documents, $"{at}.documents", problems);
        for (var i = 0; i < (v.Documents.IsDefault ? 0 : v.Documents.Length); i++)
        {
            var d = v.Documents[i];
            var path = $"{at}.documents[{i}]";
            Text(d.NameVi, $"{path}.nameVi", problems);
            Text(d.NameEn, $"{path}.nameEn", problems);
            if (d.Copies < 1)
            {
                problems.Add($"{path}.copies: must be at least 1");
            }

            if (d.Requirement == DocumentRequirement.Conditional)
            {
                Text(d.ConditionVi, $"{path}.conditionVi", problems, "a conditional document must say when it is required");
                Text(d.ConditionEn, $"{path}.conditionEn", problems, "a conditional document must say when it is required");
            }
            else if (d.ConditionVi is not null || d.ConditionEn is not null)
            {
                problems.Add($"{path}.conditionVi: a mandatory document has no condition (make it conditional or drop the condition)");
            }
        }

        NonEmpty(v.Delivery, $"{at}.delivery", problems);
        if (!v.Delivery.IsDefault && v.Delivery.Distinct().Count() != v.Delivery.Length)
        {
            problems.Add($"{at}.delivery: lists a method twice");
        }

        NonEmpty(v.LegalBasis, $"{at}.legalBasis", problems);
        for (var i = 0; i < (v.LegalBasis.IsDefault ? 0 : v.LegalBasis.Length); i++)
        {
            Text(v.LegalBasis[i].Number, $"{at}.legalBasis[{i}].number", problems);
            Text(v.LegalBasis[i].Title, $"{at}.legalBasis[{i}].title", problems);
        }
    }

    private static void ValidateFee(FeeSchedule fee, string at, List<string> problems)
    {
        Text(fee.Basis, $"{at}.basis", problems);
        if (fee.Amount < 0)
        {
            problems.Add($"{at}.amount: must not be negative");
        }

        if (fee.ChargedPer == FeeBasis.Page)
        {
            if (fee.PageTiers.IsDefaultOrEmpty)
            {
                problems.Add($"{at}.pageTiers: required when chargedPer is page");
            }
            else
            {
                if (fee.PageTiers[0].FromPage != 1)
                {
                    problems.Add($"{at}.pageTiers[0].fromPage: the first tier must start at page 1");
                }

                for (var i = 0; i < fee.PageTiers.Length; i++)
                {
                    if (i > 0 && fee.PageTiers[i].FromPage <= fee.PageTiers[i - 1].FromPage)
                    {
                        problems.Add($"{at}.pageTiers[{i}].fromPage: tiers must be in increasing page order");
                    }

                    if (fee.PageTiers[i].AmountPerPage < 0)
                    {
                        problems.Add($"{at}.pageTiers[{i}].amountPerPage: must not be negative");
                    }
                }
            }

            if (fee.Amount != 0)
            {
                problems.Add($"{at}.amount: a page-based fee takes its amounts from pageTiers; leave amount out");
            }
        }
        else if (!fee.PageTiers.IsDefaultOrEmpty)
        {
            problems.Add($"{at}.pageTiers: only allowed when chargedPer is page");
        }

        if (fee.MaximumPerCopy is < 0)
        {
            problems.Add($"{at}.maximumPerCopy: must not be negative");
        }

        if (fee.OnlineDiscountPercent is < 0 or > 100)
        {
            problems.Add($"{at}.onlineDiscountPercent: must be between 0 and 100");
        }

        var exemptions = fee.Exemptions.IsDefault ? [] : fee.Exemptions;
        for (var i = 0; i < exemptions.Length; i++)
        {
            Text(exemptions[i].Code, $"{at}.exemptions[{i}].code", problems);
            Text(exemptions[i].NameVi, $"{at}.exemptions[{i}].nameVi", problems);
            Text(exemptions[i].NameEn, $"{at}.exemptions[{i}].nameEn", problems);
            Text(exemptions[i].Basis, $"{at}.exemptions[{i}].basis", problems);
            if (exemptions.Take(i).Any(e => e.Code == exemptions[i].Code))
            {
                problems.Add($"{at}.exemptions[{i}].code: '{exemptions[i].Code}' is listed twice");
            }
        }
    }

    private static void Text(string? value, string path, List<string> problems, string why = "must not be empty")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{path}: {why}");
        }
    }

    private static void NonEmpty<T>(ImmutableArray<T> items, string path, List<string> problems)
    {
        if (items.IsDefaultOrEmpty)
        {
            problems.Add($"{path}: at least one entry is required");
        }
    }

    [GeneratedRegex("missing required properties including: (.+?)\\.?$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"([A-Za-z]+)(\[\d+\])?$")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}

/// <summary>The shape of procedure.json.</summary>
internal sealed record ProcedureFile
{
    /// <summary>The editor hint "$schema": "../procedure.schema.json"; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Code { get; init; }

    public required string Key { get; init; }

    public required ImmutableArray<ProcedureVersion> Versions { get; init; }
}
