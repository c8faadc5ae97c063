package io.monstack.cli;

import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "add-target", mixinStandardHelpOptions = true,
        description = {"Add a service to scrape: updates monstack.yml and re-renders the stack "
                + "(only files whose content changes are rewritten).", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack add-target image-gallery --runtime go --static image-gallery:80",
            "  monstack add-target iotd-api --runtime spring-boot --static iotd -C mystack",
            "  monstack add-target access-log --runtime node --dns accesslog --dns-port 80 --interval 3s \\",
            "      --metric access_log_total:counter:'total log requests' --metric access_client_ip_current:gauge",
            "  monstack add-target web --runtime go --static web:9000 --replace     # change an existing target"})
final class AddTargetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Target name; becomes the Prometheus job name.")
    String name;

    @Mixin
    TargetFlags target;

    @Option(names = "--replace", description = "Replace the target if one of this name exists.")
    boolean replace;

    @Mixin
    DirOption dir;

    @Mixin
    RunFlags run;

    @Override
    public Integer call() {
        RunResult result = new StackService(msg -> spec.commandLine().getErr().println(msg))
                .addTarget(dir.dir, target.toTarget(name), replace, run.options());
        Output.printResult(spec.commandLine().getOut(), spec.commandLine().getErr(), result, dir.dir.toString());
        return ExitCodes.OK;
    }
}
