package io.monstack.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the tab completion script for bash or zsh: commands, options, option values (runtimes, exporters, platforms, ...), "
                + "and stack folders (folders holding a monstack.yml) where a command takes one.",
            "The .deb and .tar.gz packages and install.sh already install both scripts where the shells look for them.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(monstack completion bash)          # in this bash session only",
            "  monstack completion bash > ~/.local/share/bash-completion/completions/monstack",
            "  monstack completion zsh > ~/.zfunc/_monstack",
            "      # and in ~/.zshrc, before compinit: fpath+=(~/.zfunc)"})
final class CompletionCommand implements Callable<Integer> {
    static final List<String> SHELLS = List.of("bash", "zsh");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.", completionCandidates = Shells.class)
    String shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!SHELLS.contains(shell)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: no completion for the shell \"" + shell + "\"; monstack completes bash and zsh (monstack completion bash)");
            err.flush();
            return ExitCodes.USAGE;
        }
        // the whole command model: this run registered only `completion` (see MonstackCommand)
        picocli.CommandLine all = MonstackCommand.commandLine();
        out.print(shell.equals("bash") ? ShellCompletion.bash(all) : ShellCompletion.zsh(all));
        out.flush();
        return ExitCodes.OK;
    }

    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SHELLS.iterator();
        }
    }
}
