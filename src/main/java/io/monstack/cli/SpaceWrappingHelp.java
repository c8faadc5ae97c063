package io.monstack.cli;

import java.text.BreakIterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's help, wrapped only at spaces. picocli wraps with {@link BreakIterator#getLineInstance()},
 * which also breaks after '.', ':', '/', ',' and so on: "monstack.␤yml", "grafana/grafana:␤12.2.1",
 * "[--metrics-addr=HOST:␤PORT]". Here a line breaks at a space, so a file name, an image, an address
 * or an option stays whole and can be copied as it is; only a single word wider than the whole
 * column is still broken (where picocli would break it, else at the column's edge).
 *
 * <p>picocli builds its tables in several places (options and parameters, synopsis, command list,
 * description, header, footer); each is overridden here only to build the same table from
 * {@link SpaceWrappingTable} instead. Everything else, including the man pages made from the same
 * model, is picocli's own.
 */
public final class SpaceWrappingHelp extends CommandLine.Help {
    public static final CommandLine.IHelpFactory FACTORY = SpaceWrappingHelp::new;
    /** picocli's UsageMessageSpec.MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD (private there). */
    private static final double MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD = 0.9;

    SpaceWrappingHelp(CommandSpec commandSpec, ColorScheme colorScheme) {
        super(commandSpec, colorScheme);
    }

    private UsageMessageSpec usage() {
        return commandSpec().usageMessage();
    }

    private int width() {
        return usage().width();
    }

    private TextTable table(ColorScheme scheme, Column... columns) {
        TextTable table = new SpaceWrappingTable(scheme, columns);
        table.setAdjustLineBreaksForWideCJKCharacters(usage().adjustLineBreaksForWideCJKCharacters());
        return table;
    }

    /** The options and parameters lists: picocli's default columns. */
    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
        Column[] columns = TextTable.forDefaultColumns(scheme, calcLongOptionColumnWidth(options, positionals, scheme), width()).columns();
        return new Layout(scheme, table(scheme, columns), createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }

    /** As picocli's, with wrapped lines indented under the first option (or the heading). */
    @Override
    protected String insertSynopsisCommandName(int synopsisHeadingLength, Text details) {
        if (synopsisHeadingLength < 0) {
            throw new IllegalArgumentException("synopsisHeadingLength must be a positive number but was " + synopsisHeadingLength);
        }
        String commandName = commandSpec().qualifiedName();
        int indent = synopsisHeadingLength + commandName.length() + 1;
        if (indent > usage().synopsisAutoIndentThreshold() * width()) {
            indent = usage().synopsisIndent() < 0 ? synopsisHeadingLength : usage().synopsisIndent();
            indent = Math.min(indent, (int) (MAX_SYNOPSIS_AUTO_INDENT_THRESHOLD * width()));
        }
        TextTable table = table(colorScheme(), new Column(width(), 0, Column.Overflow.WRAP));
        table.indentWrappedLines = indent;
        // the heading ("Usage: ") is printed before this: stand-ins keep its room on the first line
        Text padding = CommandLine.Help.Ansi.OFF.new Text("X".repeat(synopsisHeadingLength), colorScheme());
        table.addRowValues(padding.concat(colorScheme().commandText(commandName)).concat(details));
        return table.toString().substring(synopsisHeadingLength);
    }

    @Override
    public String header(Object... params) {
        return join(usage().header(), params);
    }

    @Override
    public String description(Object... params) {
        return join(usage().description(), params);
    }

    @Override
    public String footer(Object... params) {
        return join(usage().footer(), params);
    }

    @Override
    public String customSynopsis(Object... params) {
        return join(usage().customSynopsis(), params);
    }

    /** Each line of a text section in one full-width column, as picocli's {@code Help.join}. */
    private String join(String[] lines, Object... params) {
        if (lines == null || lines.length == 0) {
            return "";
        }
        TextTable table = table(colorScheme(), new Column(width(), 0, Column.Overflow.WRAP));
        table.indentWrappedLines = 0;
        for (String line : lines) {
            table.addRowValues(format(line, params));
        }
        return table.toString();
    }

    private static String format(String line, Object... params) {
        try {
            return line == null ? "" : String.format(line, params);
        } catch (java.util.IllegalFormatException e) {
            return line;
        }
    }

    /** The commands and the first line of their description, in picocli's two columns. */
    @Override
    public String commandList(Map<String, CommandLine.Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int longest = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        int commandLength = Math.min(longest, width() / 2);
        TextTable table = table(colorScheme(),
                new Column(commandLength + 2, 2, Column.Overflow.SPAN),
                new Column(width() - (commandLength + 2), 2, Column.Overflow.WRAP));
        for (CommandLine.Help help : subcommands.values()) {
            UsageMessageSpec sub = help.commandSpec().usageMessage();
            String first = sub.header().length > 0 ? sub.header()[0]
                    : sub.description().length > 0 ? sub.description()[0] : "";
            Text[] lines = colorScheme().text(format(first)).splitLines();
            for (int i = 0; i < lines.length; i++) {
                table.addRowValues(i == 0 ? help.commandNamesText(", ") : CommandLine.Help.Ansi.OFF.new Text(0), lines[i]);
            }
        }
        return table.toString();
    }

    /** A picocli table whose wrapping columns break lines at spaces only. */
    static final class SpaceWrappingTable extends TextTable {
        private final ColorScheme scheme;

        SpaceWrappingTable(ColorScheme scheme, Column... columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (column.overflow != Column.Overflow.WRAP || value == null || value.plainString().isEmpty()) {
                return super.putValue(row, col, value);
            }
            String plain = value.plainString();
            int start = 0;
            int extra = 0; // indentation of wrapped lines, beyond the column's own
            while (true) {
                int room = column.width - column.indent - extra;
                int end = lineEnd(plain, start, room);
                int last = end;
                while (last > start && plain.charAt(last - 1) == ' ') {
                    last--;
                }
                Text line = value.substring(start, last);
                // fits the column whole, so picocli writes it as it is
                super.putValue(row, col, extra == 0 ? line : scheme.text(" ".repeat(extra)).concat(line));
                start = end;
                while (start < plain.length() && plain.charAt(start) == ' ') {
                    start++;
                }
                if (start >= plain.length()) {
                    return new Cell(col, row);
                }
                extra = indentWrappedLines;
                addEmptyRow();
                row++;
            }
        }

        /** Where the line that starts at {@code start} ends: at the last space that lets it fit {@code room}. */
        static int lineEnd(String text, int start, int room) {
            int fits = start + Math.max(room, 1);
            if (fits >= text.length()) {
                return text.length();
            }
            for (int i = fits; i > start; i--) {
                if (text.charAt(i) == ' ') {
                    return i;
                }
            }
            // one word wider than the column: broken where picocli would break it (not after '-'), else at the edge
            BreakIterator breaks = BreakIterator.getLineInstance();
            breaks.setText(text.replace('-', '\u00ff'));
            int at = breaks.preceding(fits + 1);
            return at > start && at != BreakIterator.DONE ? at : fits;
        }
    }
}
