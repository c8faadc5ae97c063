package io.monstack.cli;

import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "remove-target", mixinStandardHelpOptions = true,
        description = {"Remove a service from monstack.yml and re-render the stack (its dashboard is deleted "
                + "unless you edited it).", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  monstack remove-target access-log -C mystack"})
final class RemoveTargetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The target to remove.")
    String name;

    @Mixin
    DirOption dir;

    @Mixin
    RunFlags run;

    @Override
    public Integer call() {
        RunResult result = new StackService(msg -> spec.commandLine().getErr().println(msg))
                .removeTarget(dir.dir, name, run.options());
        Output.printResult(spec.commandLine().getOut(), spec.commandLine().getErr(), result, dir.dir.toString());
        Output.printNext(spec.commandLine().getOut(), result, dir.dir.toString(), false);
        return ExitCodes.OK;
    }
}
