using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// One engine table as the EF Core model maps it, for the store's hand-built commands: reading one stored record per row
/// of a result set, and writing rows into a <see cref="WriteBatch"/>. EF Core can neither materialise the several result
/// sets of one command nor save without its change tracker, so this does what its materialiser and update pipeline do,
/// from the same model: each column's provider type mapping picks the reader method and binds the parameter, the
/// property's value converter (UTC instants, enums) turns the value both ways, and the compiled reader is built once per
/// model.
/// </summary>
internal sealed class StoredTable<T>
    where T : class
{
    private static readonly MethodInfo IsDBNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private readonly Func<DbDataReader, T> _read;
    private readonly StoredColumn[] _columns;
    private readonly StoredColumn? _id;
    private readonly Dictionary<string, string> _byProperty;
    private readonly string _insertInto;
    private readonly string? _find;

    private StoredTable(string table, StoredColumn[] columns, StoredColumn? id, string keyPlaceholder, Func<DbDataReader, T> read)
    {
        Table = table;
        _columns = columns;
        _id = id;
        _byProperty = columns.ToDictionary(c => c.Property, c => c.Name);
        Columns = string.Join(", ", columns.Select(c => c.Name));
        _insertInto = $"INSERT INTO {table} ({Columns}) VALUES ";
        _find = id is null ? null : $"SELECT {Columns} FROM {table} WHERE {id.Name} = {keyPlaceholder}";
        _read = read;
    }

    /// <summary>The delimited table name.</summary>
    public string Table { get; }

    /// <summary>The delimited column list, one per mapped property, in the order the reader expects them.</summary>
    public string Columns { get; }

    /// <summary>The number of <see cref="Columns"/>: a column a query selects after them has this ordinal.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The type mapping of the single-column key, which binds a key parameter.</summary>
    public RelationalTypeMapping KeyMapping => (_id ?? throw new InvalidOperationException($"{Table} has a composite key.")).Mapping;

    /// <summary>The delimited column of <paramref name="property"/>.</summary>
    public string Column(string property) => _byProperty[property];

    public static StoredTable<T> Create(IModel model, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var properties = entityType.GetProperties().ToList();
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var bindings = properties.Select((property, ordinal) => Expression.Bind(ClrProperty(property), ReadColumn(reader, property, ordinal)));
        var read = Expression.Lambda<Func<DbDataReader, T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), reader).Compile();
        var columns = properties.Select(p => new StoredColumn(p.Name, sql.DelimitIdentifier(p.GetColumnName()), p.GetRelationalTypeMapping(), p.IsNullable, Getter(p))).ToArray();
        var key = entityType.FindPrimaryKey()!.Properties;

        // Rows are updated and deleted by a single-column key; a composite-key table (journal, definitions) is insert-only.
        var id = key is [var single] ? columns.Single(c => c.Property == single.Name) : null;
        return new StoredTable<T>(sql.DelimitIdentifier(entityType.GetTableName()!), columns, id, sql.GenerateParameterNamePlaceholder(KeyedRead.KeyParameter), read);
    }

    public T Read(DbDataReader reader) => _read(reader);

    /// <summary>The row with key <paramref name="id"/>, or null.</summary>
    public async Task<T?> FindAsync(DbContext db, Guid id, CancellationToken cancellationToken)
    {
        await using var result = await KeyedRead.ExecuteAsync(db, _find!, KeyMapping, id, cancellationToken);
        return await result.DbDataReader.ReadAsync(cancellationToken) ? _read(result.DbDataReader) : null;
    }

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

    /// <summary>One multi-row <c>INSERT</c> of <paramref name="rows"/>.</summary>
    public void AppendInsert(WriteBatch batch, IReadOnlyList<T> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var text = new StringBuilder(_insertInto);
        for (var row = 0; row < rows.Count; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns.Length; column++)
            {
                if (column > 0)
                {
                    text.Append(", ");
                }

                text.Append(Bind(batch, _columns[column], rows[row]));
            }

            text.Append(')');
        }

        batch.Append(text.ToString(), rows.Count);
    }

    /// <summary>
    /// An <c>UPDATE</c> by key of the columns in which <paramref name="row"/> differs from <paramref name="original"/> (every
    /// column when there is no original; nothing when no column differs). With <paramref name="expectedVersion"/> the
    /// statement matches the row only while its concurrency token <paramref name="versionProperty"/> still has that value.
    /// </summary>
    public void AppendUpdate(WriteBatch batch, T row, T? original, string? versionProperty = null, long expectedVersion = 0)
    {
        var id = _id ?? throw new InvalidOperationException($"{Table} has a composite key: its rows are only inserted.");
        var text = new StringBuilder("UPDATE ").Append(Table).Append(" SET ");
        var changed = 0;
        foreach (var column in _columns)
        {
            if (column == id || (original is not null && Equals(column.Get(row), column.Get(original))))
            {
                continue;
            }

            text.Append(changed++ == 0 ? "" : ", ").Append(column.Name).Append(" = ").Append(Bind(batch, column, row));
        }

        if (changed == 0)
        {
            return;
        }

        text.Append(" WHERE ").Append(id.Name).Append(" = ").Append(Bind(batch, id, row));
        if (versionProperty is null)
        {
            batch.Append(text.ToString(), rows: 1);
            return;
        }

        var version = _columns.Single(c => c.Property == versionProperty);
        text.Append(" AND ").Append(version.Name).Append(" = ").Append(batch.Parameter(version.Mapping, expectedVersion, nullable: false));
        batch.Append(text.ToString(), rows: 1);
    }

    /// <summary>One <c>DELETE</c> of the rows with these keys.</summary>
    public void AppendDelete(WriteBatch batch, IReadOnlyList<Guid> ids)
    {
        var id = _id ?? throw new InvalidOperationException($"{Table} has a composite key: its rows are only inserted.");
        if (ids.Count == 0)
        {
            return;
        }

        var text = new StringBuilder("DELETE FROM ").Append(Table).Append(" WHERE ").Append(id.Name).Append(" IN (");
        for (var i = 0; i < ids.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(batch.Parameter(id.Mapping, ids[i], nullable: false));
        }

        batch.Append(text.Append(')').ToString(), ids.Count);
    }

    private static string Bind(WriteBatch batch, StoredColumn column, T row) => batch.Parameter(column.Mapping, column.Get(row), column.Nullable);

    private static PropertyInfo ClrProperty(IProperty property) =>
        property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no CLR property.");

    private static Func<object, object?> Getter(IProperty property)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Property(Expression.Convert(row, typeof(T)), ClrProperty(property));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
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

/// <summary>A mapped column: its property, delimited name, type mapping (which binds parameters through the value converter) and getter.</summary>
internal sealed record StoredColumn(string Property, string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Get);
