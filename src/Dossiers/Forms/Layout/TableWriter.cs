using PdfSharp.Drawing;

namespace DossierWorkflow.Dossiers.Forms.Layout;

/// <summary>A table column: its header, its share of the table width and how its cells align.</summary>
internal sealed record TableColumn(string Header, double Weight, TextAlign Align = TextAlign.Left);

/// <summary>
/// Draws a full-width ruled table at the cursor. Row heights are measured from the wrapped cell text;
/// a row that does not fit moves to the next page, where the header is drawn again; a row taller than a
/// whole page is split between lines.
/// </summary>
internal sealed class TableWriter
{
    private const double PaddingX = 3;
    private const double PaddingY = 2;

    private readonly PageFlow _flow;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly double[] _widths;
    private readonly TextBlock[] _header;
    private readonly double _headerHeight;
    private readonly double _lineHeight;
    private readonly XPen _pen = new(XColors.Black, 0.5);

    public TableWriter(PageFlow flow, IReadOnlyList<TableColumn> columns)
    {
        _flow = flow;
        _columns = columns;
        var total = columns.Sum(c => c.Weight);
        _widths = [.. columns.Select(c => flow.Width * c.Weight / total)];
        _header = [.. columns.Select((c, i) => flow.Text.Wrap([new Run(c.Header, flow.Fonts.TableBold)], _widths[i] - (2 * PaddingX), TextAlign.Center))];
        _headerHeight = _header.Max(b => b.Height) + (2 * PaddingY);
        _lineHeight = TextLayout.LineHeight(flow.Fonts.Table);
    }

    public void Draw(IEnumerable<IReadOnlyList<string>> rows)
    {
        var headerOnPage = false;
        foreach (var row in rows)
        {
            var cells = new TextBlock[_columns.Count];
            var lineCount = 1;
            for (var i = 0; i < _columns.Count; i++)
            {
                var text = i < row.Count ? row[i] : string.Empty;
                cells[i] = _flow.Text.Wrap([new Run(text, _flow.Fonts.Table)], _widths[i] - (2 * PaddingX), _columns[i].Align);
                lineCount = Math.Max(lineCount, cells[i].Lines.Count);
            }

            var from = 0;
            while (from < lineCount)
            {
                if (!headerOnPage)
                {
                    // The header never ends a page alone: it needs room for at least one line under it.
                    _flow.Reserve(_headerHeight + _lineHeight + (2 * PaddingY));
                    DrawHeader();
                    headerOnPage = true;
                }

                var fitting = (int)Math.Floor(((_flow.Remaining - (2 * PaddingY)) / _lineHeight) + 1e-6);
                var rest = lineCount - from;
                var fitsOnFreshPage = (rest * _lineHeight) + (2 * PaddingY) <= _flow.Bottom - _flow.Top - _headerHeight;
                if (fitting < rest && (fitsOnFreshPage || fitting < 1))
                {
                    _flow.NewPage();
                    headerOnPage = false;
                    continue;
                }

                var to = from + Math.Min(rest, fitting);
                DrawRow(cells, from, to);
                from = to;
            }
        }

        if (!headerOnPage)
        {
            _flow.Reserve(_headerHeight);
            DrawHeader();
        }
    }

    private void DrawHeader()
    {
        var x = _flow.Left;
        for (var i = 0; i < _columns.Count; i++)
        {
            var block = _header[i];
            var top = _flow.Y + ((_headerHeight - block.Height) / 2);
            _flow.DrawBlock(block, x + PaddingX, top);
            _flow.Graphics.DrawRectangle(_pen, x, _flow.Y, _widths[i], _headerHeight);
            x += _widths[i];
        }

        _flow.Y += _headerHeight;
    }

    private void DrawRow(TextBlock[] cells, int from, int to)
    {
        var height = ((to - from) * _lineHeight) + (2 * PaddingY);
        var x = _flow.Left;
        for (var i = 0; i < cells.Length; i++)
        {
            var y = _flow.Y + PaddingY;
            var lines = cells[i].Lines;
            for (var l = from; l < to && l < lines.Count; l++)
            {
                _flow.DrawLine(lines[l], x + PaddingX, y);
                y += _lineHeight;
            }

            _flow.Graphics.DrawRectangle(_pen, x, _flow.Y, _widths[i], height);
            x += _widths[i];
        }

        _flow.Y += height;
    }
}
