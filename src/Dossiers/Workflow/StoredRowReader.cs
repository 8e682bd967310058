using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// Reads one stored record per row of a result set whose columns are <see cref="Columns"/>, in that order. EF Core cannot
/// materialise the several result sets of one command, so this does what its materialiser does, from the same model: each
/// column's provider type mapping picks the reader method, the property's value converter (UTC instants, enums) turns the
/// value back, and the compiled reader is built once per model.
/// </summary>
internal sealed class StoredRowReader<T>
    where T : class
{
    private static readonly MethodInfo IsDBNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private readonly Func<DbDataReader, T> _read;
    private readonly Dictionary<string, string> _columns;

    private StoredRowReader(string table, IReadOnlyList<(string Property, string Column)> columns, Func<DbDataReader, T> read)
    {
        Table = table;
        _columns = columns.ToDictionary(c => c.Property, c => c.Column);
        Columns = string.Join(", ", columns.Select(c => c.Column));
        _read = read;
    }

    /// <summary>The delimited table name.</summary>
    public string Table { get; }

    /// <summary>The delimited column list, one per mapped property, in the order the reader expects them.</summary>
    public string Columns { get; }

    /// <summary>The delimited column of <paramref name="property"/>.</summary>
    public string Column(string property) => _columns[property];

    public static StoredRowReader<T> Create(IModel model, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var properties = entityType.GetProperties().ToList();
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var bindings = properties.Select((property, ordinal) => Expression.Bind(
            property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no CLR property."),
            ReadColumn(reader, property, ordinal)));
        var read = Expression.Lambda<Func<DbDataReader, T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), reader).Compile();
        return new StoredRowReader<T>(
            sql.DelimitIdentifier(entityType.GetTableName()!),
            [.. properties.Select(p => (p.Name, sql.DelimitIdentifier(p.GetColumnName())))],
            read);
    }

    public T Read(DbDataReader reader) => _read(reader);

    /// <summary>Reads every row of the current result set.</summary>
    public async Task<List<T>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(_read(reader));
        }

        return rows;
    }

    private static Expression ReadColumn(ParameterExpression reader, IProperty property, int ordinal)
    {
        var mapping = property.GetRelationalTypeMapping();
        var index = Expression.Constant(ordinal);
        var getter = mapping.GetDataReaderMethod();
        Expression value = mapping.CustomizeDataReaderExpression(Expression.Call(reader, getter, index));
        var converter = mapping.Converter;
        var providerType = converter?.ProviderClrType ?? mapping.ClrType;
        if (value.Type != providerType)
        {
            value = Expression.Convert(value, providerType);
        }

        if (converter is not null)
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            value = Expression.Invoke(fromProvider, value);
        }

        if (value.Type != property.ClrType)
        {
            value = Expression.Convert(value, property.ClrType);
        }

        return property.IsNullable
            ? Expression.Condition(Expression.Call(reader, IsDBNull, index), Expression.Default(property.ClrType), value)
            : value;
    }
}
