package io.monstack.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** -C/--dir: the stack folder for commands that work on an existing stack. */
final class DirOption {
    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "The stack folder, holding monstack.yml (default: current folder).")
    Path dir = Path.of(".");
}
