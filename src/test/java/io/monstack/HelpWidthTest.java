package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.cli.MonstackCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command's --help as an 80-column terminal shows it: no line too long, no example broken. */
class HelpWidthTest {
    private static final int COLUMNS = 80;

    /** Every command of the real command line, by name (aliases once). */
    static Map<String, CommandLine> commands() {
        CommandLine root = MonstackCommand.commandLine();
        Map<String, CommandLine> all = new LinkedHashMap<>();
        all.put("monstack", root);
        root.getSubcommands().values().forEach(c -> all.putIfAbsent(c.getCommandName(), c));
        return all;
    }

    static Stream<String> commandNames() {
        return commands().keySet().stream();
    }

    private static List<String> helpAt80(CommandLine command) {
        command.setUsageHelpAutoWidth(false);
        command.setUsageHelpWidth(COLUMNS);
        return command.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().map(String::stripTrailing).toList();
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void noLineIsWiderThan80Columns(String name) {
        List<String> help = helpAt80(commands().get(name));
        assertThat(help).as("help of %s", name).isNotEmpty()
                .allSatisfy(line -> assertThat(line.length()).as("%s --help line: %s", name, line).isLessThanOrEqualTo(COLUMNS));
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void everyFooterLineIsPrintedWhole(String name) {
        CommandLine command = commands().get(name);
        List<String> help = helpAt80(command);
        List<String> footer = new ArrayList<>();
        for (String line : command.getCommandSpec().usageMessage().footer()) {
            footer.addAll(String.format(line).lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList());
        }
        // runtimes has no examples: nothing to break there, but every other command must show some
        if (!name.equals("runtimes") && !name.equals("help")) {
            assertThat(footer).as("examples of %s", name).isNotEmpty();
        }
        assertThat(help).as("%s --help at %d columns", name, COLUMNS).containsAll(footer);
    }

    @Test
    void aWrappedExampleWouldBeCaught() {
        // The check above is only worth something if a too-long example really is broken up.
        CommandLine wide = new CommandLine(new TooWide());
        List<String> help = helpAt80(wide);
        String example = String.format(wide.getCommandSpec().usageMessage().footer()[0]);
        assertThat(help).doesNotContain(example);
    }

    @CommandLine.Command(name = "too-wide", footer = "  too-wide --with-a-very-long-option-name value --and-another-one value --and-more")
    static final class TooWide implements Runnable {
        @Override
        public void run() {
        }
    }
}
