package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, install.sh (from source), into a private prefix laid out like
 * ~/.local: the launcher renders the sample, and bash, zsh and man find what it installed.
 * Run twice, as a user updating would.
 */
@Tag("package")
class InstallScriptTest {
    @TempDir
    Path tmp;

    @Test
    void installsLauncherCompletionAndManPagesAndCanBeRunAgain() throws IOException {
        Path prefix = tmp.resolve("prefix");
        Map<String, String> env = Map.of("PREFIX", prefix.toString(), "MONSTACK_BUILD_DIR", tmp.resolve("build").toString());
        String first = Tools.runOk(Path.of("."), 900, env, "bash", "install.sh");
        assertThat(first).contains("installed bash and zsh completion", "installed the man pages", "installed " + prefix.resolve("bin/monstack"));
        String bashScript = Files.readString(prefix.resolve("share/bash-completion/completions/monstack"));

        String second = Tools.runOk(Path.of("."), 900, env, "bash", "install.sh");
        assertThat(second).contains("installed bash and zsh completion");
        assertThat(prefix.resolve("share/bash-completion/completions/monstack")).hasContent(bashScript);
        try (var left = Files.walk(prefix)) {
            assertThat(left.filter(p -> p.toString().endsWith(".new")).toList()).as("no half-written files").isEmpty();
        }

        Path stack = tmp.resolve("demo-stack");
        Tools.runOk(Path.of("."), 120, prefix.resolve("bin/monstack").toString(), "init", stack.toString(),
                "--from", "samples/diamol-ch09/monstack.yml");
        assertThat(SnapshotTest.stackFiles(stack)).isEqualTo(SnapshotTest.stackFiles(Path.of("src/test/resources/snapshots/diamol-ch09")));

        // a prefix with a quote, $ and backticks: the launcher still finds its jar (the path is one quoted word)
        Path odd = tmp.resolve("it's $HOME `false`");
        Tools.runOk(Path.of("."), 900, Map.of("PREFIX", odd.toString(), "MONSTACK_BUILD_DIR", tmp.resolve("build").toString()),
                "bash", "install.sh");
        assertThat(Tools.runOk(null, 60, odd.resolve("bin/monstack").toString(), "--version")).startsWith("monstack ");

        // ~/.local/share is bash-completion's user folder (XDG_DATA_HOME)
        assertThat(Tools.runOk(null, 30, Map.of("XDG_DATA_HOME", prefix.resolve("share").toString()), "bash", "--norc", "-c",
                "source /usr/share/bash-completion/bash_completion && __load_completion monstack && complete -p monstack"))
                .contains("-F _monstack_complete");
        // zsh needs the folder on its fpath, which install.sh says when it is not
        Path functions = prefix.resolve("share/zsh/site-functions");
        assertThat(first).contains("fpath+=(" + functions + ")");
        assertThat(Tools.runOk(null, 30, Tools.require("zsh", "zsh").toString(), "-fc", "fpath=(" + functions + " $fpath); "
                + "autoload -U compinit && compinit -u -d " + tmp.resolve("zcompdump") + " && print -r -- $_comps[monstack]").strip())
                .isEqualTo("_monstack");
        // man finds the pages beside the bin folder on PATH, as for ~/.local/bin
        assertThat(Tools.runOk(null, 30, Map.of("PATH", prefix.resolve("bin") + ":/usr/bin:/bin"), "man", "-w", "monstack-add-target").strip())
                .isEqualTo(prefix.resolve("share/man/man1/monstack-add-target.1.gz").toString());
    }
}
