package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.cli.MonstackCommand;
import io.monstack.cli.SpaceWrappingHelp;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's --help as an 80-column terminal shows it: no line too long, no example broken,
 * and no line broken inside a word ("monstack.␤yml", "HOST:␤PORT").
 */
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
        return helpAt(command, COLUMNS);
    }

    private static List<String> helpAt(CommandLine command, int columns) {
        command.setUsageHelpAutoWidth(false);
        command.setUsageHelpWidth(columns);
        return command.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().map(String::stripTrailing).toList();
    }

    /** The help's words, in order: the same at any width unless a line was broken inside a word. */
    private static List<String> words(CommandLine command, int columns) {
        return Arrays.stream(String.join("\n", helpAt(command, columns)).strip().split("\\s+")).toList();
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

    @ParameterizedTest
    @MethodSource("commandNames")
    void noLineIsBrokenInsideAWord(String name) {
        // at 400 columns nothing wraps: at 80 the same words must come, in the same order
        assertThat(words(commands().get(name), COLUMNS)).as("%s --help at %d columns, word by word", name, COLUMNS)
                .containsExactlyElementsOf(words(commands().get(name), 400));
    }

    @Test
    void aBreakInsideAWordWouldBeCaught() {
        // picocli's own wrapping breaks after '.', ':' and '/': the check above has to see that
        CommandLine plain = new CommandLine(new Tokens());
        assertThat(words(plain, COLUMNS)).isNotEqualTo(words(plain, 400));
        CommandLine spaces = new CommandLine(new Tokens()).setHelpFactory(SpaceWrappingHelp.FACTORY);
        assertThat(words(spaces, COLUMNS)).isEqualTo(words(spaces, 400));
        assertThat(helpAt(spaces, COLUMNS)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(COLUMNS));
    }

    @CommandLine.Command(name = "tokens", description = "Pushes to registry.example.com:5000/team, registry.example.com:5000/team, "
            + "registry.example.com:5000/team, registry.example.com:5000/team, registry.example.com:5000/team and more.")
    static final class Tokens implements Runnable {
        @CommandLine.Option(names = "--image", paramLabel = "REGISTRY/STACK/grafana:TAG",
                description = "Base image (default: grafana/grafana:12.2.1, prom/prometheus:v3.5.0, grafana/grafana:12.2.1, "
                        + "prom/prometheus:v3.5.0, http://PUBLISH_ADDRESS:PORT, http://PUBLISH_ADDRESS:PORT).")
        String image;

        @CommandLine.Option(names = {"-s", "--static"}, paramLabel = "HOST[:PORT]", split = ",")
        List<String> statics;

        @CommandLine.Option(names = "--metrics-addr", paramLabel = "HOST:PORT")
        String metricsAddr;

        @CommandLine.Option(names = "--docker-engine", negatable = true)
        boolean dockerEngine;

        @CommandLine.Option(names = "--scrape-interval", paramLabel = "DURATION")
        String interval;

        @Override
        public void run() {
        }
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
