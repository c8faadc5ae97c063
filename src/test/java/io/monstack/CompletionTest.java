package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.cli.MonstackCommand;
import io.monstack.spec.Platform;
import io.monstack.spec.PublishMode;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecChoice;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SwarmDiscovery;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import io.monstack.support.Tools;
import io.monstack.support.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * `monstack completion bash|zsh`, run by the real shells: bash's completion function called as
 * bash calls it, and both shells at a real terminal (tmux) loading the scripts from where
 * install.sh and the packages put them.
 */
class CompletionTest {
    @TempDir
    Path tmp;

    private Path work;

    /** shop/ and stacks/a/ hold stacks; plain/ does not. */
    @BeforeEach
    void folders() throws IOException {
        work = tmp.resolve("work");
        for (String stack : List.of("shop", "stacks/a")) {
            Files.createDirectories(work.resolve(stack));
            Files.writeString(work.resolve(stack).resolve("monstack.yml"), "name: x\n");
        }
        Files.createDirectories(work.resolve("plain"));
        Files.writeString(work.resolve("notes.txt"), "not a folder\n");
    }

    @Test
    void bashCompletesCommandsOptionsRuntimesAndStackFolders() throws IOException {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        CommandLine model = MonstackCommand.commandLine();
        for (String line : List.of("monstack ", "monstack ini", "monstack add-target x --runtime ", "monstack add-target x --runtime sp",
                "monstack add-target x -C ", "monstack remove-target x --dir ", "monstack generate ", "monstack regenerate --dry-run ",
                "monstack generate stacks/", "monstack build-images --tag 1.0 ", "monstack build-images --tag ", "monstack init ",
                "monstack completion ")) {
            cases.put(line, null);
        }
        for (CommandLine sub : model.getSubcommands().values()) {
            cases.put("monstack " + sub.getCommandName() + " --", null);
        }
        Map<String, List<String>> got = completeInBash(cases.keySet());

        assertThat(got.get("monstack ")).containsExactlyInAnyOrderElementsOf(model.getSubcommands().keySet());
        assertThat(got.get("monstack ini")).containsExactly("init");
        assertThat(got.get("monstack add-target x --runtime ")).containsExactlyInAnyOrderElementsOf(RuntimeCatalog.ids());
        assertThat(got.get("monstack add-target x --runtime sp")).containsExactly("spring-boot");
        // stack folders: only folders holding a monstack.yml
        assertThat(got.get("monstack add-target x -C ")).containsExactly("shop");
        assertThat(got.get("monstack remove-target x --dir ")).containsExactly("shop");
        assertThat(got.get("monstack generate ")).containsExactly("shop");
        assertThat(got.get("monstack regenerate --dry-run ")).containsExactly("shop");
        assertThat(got.get("monstack generate stacks/")).containsExactly("stacks/a");
        assertThat(got.get("monstack build-images --tag 1.0 ")).containsExactly("shop");
        assertThat(got.get("monstack build-images --tag ")).as("a tag is no folder").isEmpty();
        // init makes a new folder: any name may be typed, existing entries are offered
        assertThat(got.get("monstack init ")).contains("plain", "shop");
        assertThat(got.get("monstack completion ")).containsExactly("bash", "zsh");
        for (CommandLine sub : model.getSubcommands().values()) {
            List<String> longOptions = sub.getCommandSpec().options().stream().map(OptionSpec::longestName)
                    .filter(n -> n.startsWith("--")).toList();
            assertThat(got.get("monstack " + sub.getCommandName() + " --")).as("options of %s", sub.getCommandName())
                    .containsAll(longOptions);
        }
    }

    @Test
    void bashCompletesTheValuesOfOptionsWithAClosedSet() throws IOException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("monstack add-target x --exporter ", RuntimeCatalog.all().values().stream()
                .filter(r -> r.exporter() != null).map(Runtime::id).toList());
        expected.put("monstack add-target x --dns-type ", List.copyOf(SpecValidator.DNS_TYPES));
        List<String> protocols = new ArrayList<>(SpecValidator.FALLBACK_PROTOCOLS);
        protocols.add(Target.NO_FALLBACK);
        expected.put("monstack add-target x --fallback-scrape-protocol ", protocols);
        expected.put("monstack init x --platform ", SpecChoice.ids(Platform.class));
        // both labelled MODE: each must still get its own values
        expected.put("monstack init x --swarm-discovery ", SpecChoice.ids(SwarmDiscovery.class));
        expected.put("monstack init x --publish-mode ", SpecChoice.ids(PublishMode.class));
        // as the help writes them ("docker or podman"), not the enum's DOCKER PODMAN
        expected.put("monstack build-images --engine ", List.of("docker", "podman"));
        List<String> lines = new ArrayList<>(expected.keySet());
        lines.addAll(List.of("monstack add-target x --exporter po", "monstack init x --publish-mode h", "monstack add-target x --dns-type AA"));
        // and every option of the model that has values, offered exactly those
        CommandLine model = MonstackCommand.commandLine();
        Map<String, List<String>> fromModel = new LinkedHashMap<>();
        for (CommandLine sub : new LinkedHashSet<>(model.getSubcommands().values())) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (o.completionCandidates() != null && o.arity().max() > 0) {
                    List<String> values = new ArrayList<>();
                    o.completionCandidates().forEach(values::add);
                    fromModel.put("monstack " + sub.getCommandName() + " " + o.longestName() + " ", values);
                }
            }
        }
        lines.addAll(fromModel.keySet());
        Map<String, List<String>> got = completeInBash(lines);

        expected.forEach((line, values) -> assertThat(values).as(line).isNotEmpty());
        expected.forEach((line, values) -> assertThat(got.get(line)).as(line).containsExactlyInAnyOrderElementsOf(values));
        assertThat(got.get("monstack add-target x --exporter po")).containsExactly("postgres");
        assertThat(got.get("monstack init x --publish-mode h")).containsExactly("host");
        assertThat(got.get("monstack add-target x --dns-type AA")).containsExactly("AAAA");
        assertThat(fromModel.keySet()).contains("monstack add-target --runtime ", "monstack init --publish-mode ");
        fromModel.forEach((line, values) -> assertThat(got.get(line)).as(line).containsExactlyInAnyOrderElementsOf(values));
    }

    @Test
    void anUnknownShellIsOneLineAndAUsageError() {
        Cli.Run run = Cli.run("completion", "fish");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).hasLineCount(1).contains("fish", "bash", "zsh");
    }

    @Test
    void bashAtATerminalLoadsItFromTheUserCompletionsFolder() throws IOException {
        // where install.sh puts it for ~/.local, found by bash-completion's on-demand loader
        Path data = tmp.resolve("data");
        Path completions = Files.createDirectories(data.resolve("bash-completion/completions"));
        Files.writeString(completions.resolve("monstack"), Cli.run("completion", "bash").out());
        Path rc = tmp.resolve("bashrc");
        Files.writeString(rc, "source /usr/share/bash-completion/bash_completion\nPS1='$ '\n");
        try (Terminal t = new Terminal(work, "env", "XDG_DATA_HOME=" + data, "bash", "--noprofile", "--rcfile", rc.toString(), "-i")) {
            t.waitFor("$ ");
            t.type("monstack gen\t");
            t.waitFor("monstack generate ");
            t.type("\t");
            t.waitFor("monstack generate shop/");
        }
    }

    @Test
    void zshAtATerminalLoadsItFromFpath() throws IOException {
        Path functions = Files.createDirectories(tmp.resolve("site-functions"));
        Files.writeString(functions.resolve("_monstack"), Cli.run("completion", "zsh").out());
        Path zdot = Files.createDirectories(tmp.resolve("zdot"));
        Files.writeString(zdot.resolve(".zshrc"), "fpath=(" + functions + " $fpath)\nautoload -U compinit && compinit -u\nPS1='%% '\n");
        try (Terminal t = new Terminal(work, "env", "ZDOTDIR=" + zdot, Tools.require("zsh", "zsh").toString(), "-i")) {
            t.waitFor("% ");
            t.type("monstack add-target x --runtime spr\t");
            t.waitFor("--runtime spring-boot");
            t.type(" -C \t");
            t.waitFor("-C shop");
            assertThat(t.screen()).doesNotContain("command not found", "plain");
        }
    }

    /** Completes each line as bash does on TAB: COMP_WORDS/COMP_CWORD set, the registered function called. */
    private Map<String, List<String>> completeInBash(Iterable<String> lines) throws IOException {
        Path script = tmp.resolve("monstack.bash");
        Files.writeString(script, Cli.run("completion", "bash").out());
        StringBuilder harness = new StringBuilder("source " + script + "\n"
                + "function=$(complete -p monstack | sed -n 's/.*-F \\([^ ]*\\) .*/\\1/p')\n"
                + "complete_line() {\n"
                + "  COMP_LINE=\"$1\"; read -ra COMP_WORDS <<< \"$1\"; [[ \"$1\" == *' ' ]] && COMP_WORDS+=('')\n"
                + "  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()\n"
                + "  \"$function\" monstack \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null\n"
                + "  printf '%s\\t' \"$1\" \"${COMPREPLY[@]}\"; echo\n"
                + "}\n");
        List<String> asked = new ArrayList<>();
        for (String line : lines) {
            asked.add(line);
            harness.append("complete_line '").append(line).append("'\n");
        }
        Path file = tmp.resolve("harness.bash");
        Files.writeString(file, harness.toString());
        String out = Tools.runOk(work, 60, "bash", "--norc", "--noprofile", file.toString());
        Map<String, List<String>> got = new LinkedHashMap<>();
        for (String row : out.split("\n")) {
            String[] cells = row.split("\t", -1);
            got.put(cells[0], Arrays.stream(cells, 1, cells.length).filter(c -> !c.isEmpty()).toList());
        }
        assertThat(got.keySet()).as("every line was completed:\n%s", out).containsAll(asked);
        return got;
    }

    /** An interactive shell at a real terminal: tmux on a private server socket, killed at close. */
    private static final class Terminal implements AutoCloseable {
        private final String socket = "monstack-completion-" + UUID.randomUUID().toString().substring(0, 8);
        private final Path tmux = Tools.require("tmux", "tmux");

        Terminal(Path dir, String... shell) {
            List<String> cmd = new ArrayList<>(List.of("new-session", "-d", "-s", "t", "-x", "160", "-y", "40", "-c", dir.toString()));
            cmd.addAll(List.of(shell));
            tmux(cmd.toArray(String[]::new));
        }

        void type(String keys) {
            tmux("send-keys", "-t", "t", "-l", keys);
        }

        String screen() {
            return tmux("capture-pane", "-p", "-J", "-t", "t");
        }

        void waitFor(String text) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                if (screen().contains(text)) {
                    return;
                }
                Waits.sleep(100);
            }
            throw new AssertionError("the terminal never showed \"" + text + "\"; it shows:\n" + screen());
        }

        private String tmux(String... args) {
            List<String> cmd = new ArrayList<>(List.of(tmux.toString(), "-L", socket, "-f", "/dev/null"));
            cmd.addAll(List.of(args));
            return Tools.runOk(null, 30, cmd.toArray(String[]::new));
        }

        @Override
        public void close() {
            Tools.run(null, 30, tmux.toString(), "-L", socket, "kill-server");
        }
    }
}
