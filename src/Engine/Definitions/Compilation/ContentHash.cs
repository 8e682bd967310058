using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using DossierWorkflow.Engine.Definitions.Bpmn;

namespace DossierWorkflow.Engine.Definitions.Compilation;

/// <summary>
/// SHA-256 (lower-case hex) of a canonical form of the XML, so that saving the same diagram with different
/// formatting gives the same hash while any change of content gives a new one.
/// </summary>
/// <remarks>
/// Ignored: indentation and whitespace between elements, comments and processing instructions, attribute order,
/// namespace prefixes (names are compared by namespace URI, including in <c>xsi:type</c> values), the XML
/// declaration, leading and trailing whitespace of text. Kept: every element, attribute and text value, in
/// document order of elements, including the diagram (<c>bpmndi</c>) so that a moved shape is shown as drawn.
/// </remarks>
internal static class ContentHash
{
    private static readonly XName XsiType = XName.Get("type", BpmnNamespaces.XmlSchemaInstance);

    public static string Compute(XDocument document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalForm(document))));

    internal static string CanonicalForm(XDocument document)
    {
        var text = new StringBuilder();
        Write(document.Root!, text);
        return text.ToString();
    }

    private static void Write(XElement element, StringBuilder text)
    {
        text.Append('<').Append(Name(element.Name));
        var attributes = element.Attributes()
            .Where(a => !a.IsNamespaceDeclaration)
            .Select(a => (Name: Name(a.Name), Value: a.Name == XsiType ? ResolveQualifiedName(element, a.Value) : a.Value))
            .OrderBy(a => a.Name, StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            text.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        }

        text.Append('>');
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XElement child:
                    Write(child, text);
                    break;
                case XText content when content.Value.Trim() is { Length: > 0 } trimmed:
                    text.Append(Escape(trimmed.ReplaceLineEndings("\n")));
                    break;
            }
        }

        text.Append("</>");
    }

    private static string Name(XName name) => name.NamespaceName.Length == 0 ? name.LocalName : $"{{{name.NamespaceName}}}{name.LocalName}";

    private static string ResolveQualifiedName(XElement scope, string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "" : value[..colon];
        var local = colon < 0 ? value : value[(colon + 1)..];
        var ns = prefix.Length == 0 ? scope.GetDefaultNamespace() : scope.GetNamespaceOfPrefix(prefix);
        return ns is null ? value : Name(ns + local);
    }

    private static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
