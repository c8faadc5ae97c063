package io.monstack.cli;

import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", aliases = "regenerate", mixinStandardHelpOptions = true,
        description = {"Re-render every file of the stack from monstack.yml, e.g. after you edited it by hand. "
                + "Files you edited since monstack wrote them are reported as conflicts and left alone.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack generate                 # in the stack folder",
            "  monstack generate mystack --dry-run",
            "  monstack generate mystack --force # overwrite hand edits"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The stack folder (default: current folder).")
    Path dir = Path.of(".");

    @Mixin
    RunFlags run;

    @Override
    public Integer call() {
        RunResult result = new StackService(msg -> spec.commandLine().getErr().println(msg)).generate(dir, run.options());
        Output.printResult(spec.commandLine().getOut(), spec.commandLine().getErr(), result, dir.toString());
        Output.printNext(spec.commandLine().getOut(), result, dir.toString(), false);
        return ExitCodes.OK;
    }
}
