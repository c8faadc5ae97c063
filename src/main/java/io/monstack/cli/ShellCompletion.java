package io.monstack.cli;

import io.monstack.images.ContainerEngine;
import io.monstack.spec.Platform;
import io.monstack.spec.PublishMode;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecChoice;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SwarmDiscovery;
import io.monstack.spec.Target;
import io.monstack.spec.TargetSetting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The completion scripts of `monstack completion`: picocli's script for the command model
 * (subcommands, options, and the values of options with a closed set: runtime ids, exporters,
 * platforms, ... as completion candidates, each from the list the option is checked against), plus one thing picocli cannot
 * know: an argument labelled DIR takes a stack folder, so only folders holding a monstack.yml
 * are offered there. init's DIR is the exception, a folder still to be made.
 */
final class ShellCompletion {
    static final String STACK_FOLDER_LABEL = "DIR";
    private static final Set<String> NEW_FOLDER_COMMANDS = Set.of("init");

    private ShellCompletion() {
    }

    /** The values a target flag of add-target takes, where they are a closed set; null where any value goes. */
    static List<String> values(TargetSetting setting) {
        return switch (setting) {
            case RUNTIME -> RuntimeCatalog.ids();
            case EXPORTER -> exporters();
            case DNS_TYPE -> SpecValidator.DNS_TYPES.stream().sorted().toList();
            case FALLBACK_SCRAPE_PROTOCOL -> Stream.concat(SpecValidator.FALLBACK_PROTOCOLS.stream().sorted(), Stream.of(Target.NO_FALLBACK)).toList();
            default -> null;
        };
    }

    /** The runtimes of templates/runtimes.yml that are an exporter the stack runs (--exporter TYPE). */
    static List<String> exporters() {
        return RuntimeCatalog.exporterIds(def -> true);
    }

    /** Completion candidates made when the script is written, not when the option is declared. */
    private abstract static class Values implements Iterable<String> {
        private final Supplier<List<String>> values;

        Values(Supplier<List<String>> values) {
            this.values = values;
        }

        @Override
        public Iterator<String> iterator() {
            return values.get().iterator();
        }
    }

    /** init --platform. */
    static final class Platforms extends Values {
        Platforms() {
            super(() -> SpecChoice.ids(Platform.class));
        }
    }

    /** init --swarm-discovery. */
    static final class SwarmDiscoveries extends Values {
        SwarmDiscoveries() {
            super(() -> SpecChoice.ids(SwarmDiscovery.class));
        }
    }

    /** init --publish-mode. */
    static final class PublishModes extends Values {
        PublishModes() {
            super(() -> SpecChoice.ids(PublishMode.class));
        }
    }

    /** build-images --engine, lower case as the help writes them (picocli parses them case-insensitively). */
    static final class Engines extends Values {
        Engines() {
            super(() -> Arrays.stream(ContainerEngine.values()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    static String bash(CommandLine root) {
        return AutoComplete.bash(root.getCommandName(), root) + stackFolders(root);
    }

    /**
     * zsh runs the bash script through its bashcompinit. The file is an autoloaded completion
     * function: its first call defines everything, then completes with what it just registered.
     */
    static String zsh(CommandLine root) {
        return "#compdef " + root.getCommandName() + "\n"
                + "# zsh completion for " + root.getCommandName() + ": its bash completion run through bashcompinit.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                // compinit loads this file with alias expansion off, so picocli's alias for
                // compopt never applies; bashcompinit takes no such options anyway
                + "function compopt() { return 0; }\n"
                + bash(root)
                + "_bash_complete -F _monstack_complete -o default\n";
    }

    private static String stackFolders(CommandLine root) {
        StringBuilder options = new StringBuilder();
        StringBuilder positionals = new StringBuilder();
        for (CommandLine sub : new LinkedHashSet<>(root.getSubcommands().values())) {
            CommandSpec spec = sub.getCommandSpec();
            List<String> names = new ArrayList<>(List.of(spec.name()));
            names.addAll(List.of(spec.aliases()));
            for (OptionSpec o : sharedValueLists(spec)) {
                String words = String.join(" ", o.completionCandidates());
                for (String command : names) {
                    for (String option : o.names()) {
                        options.append("    '").append(command).append(' ').append(option)
                                .append("') COMPREPLY=( $(compgen -W '").append(words).append("' -- \"$curr_word\") ); return 0 ;;\n");
                    }
                }
            }
            if (NEW_FOLDER_COMMANDS.contains(spec.name())) {
                continue;
            }
            for (OptionSpec o : spec.options()) {
                if (takesStackFolder(o)) {
                    for (String command : names) {
                        for (String option : o.names()) {
                            options.append("    '").append(command).append(' ').append(option).append("') _monstack_stack_dirs \"$curr_word\"; return 0 ;;\n");
                        }
                    }
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (takesStackFolder(p)) {
                    positionals.append("    ").append(String.join("|", names)).append(")\n")
                            .append("      if (( $(currentPositionalIndex \"$command\" \"").append(quoted(spec.options(), true))
                            .append("\" \"").append(quoted(spec.options(), false)).append("\") == ").append(p.index().min())
                            .append(" )); then _monstack_stack_dirs \"$curr_word\"; return 0; fi ;;\n");
                }
            }
        }
        return """

                # monstack: stack folders (folders holding a monstack.yml) where an argument takes one,
                # and the values of options whose value list picocli's part above shares with another's.
                # Written by `monstack completion` from the same command model as picocli's part above.

                # Sets COMPREPLY to the folders matching $1 that hold a monstack.yml.
                function _monstack_stack_dirs() {
                  local IFS=$'\\n' dir
                  COMPREPLY=()
                  for dir in $(compgen -d -- "$1"); do
                    [ -f "$dir/monstack.yml" ] && COMPREPLY+=("$dir")
                  done
                  type compopt &>/dev/null && compopt -o filenames
                  return 0
                }

                function _monstack_complete() {
                  local curr_word=${COMP_WORDS[COMP_CWORD]}
                  local prev_word=${COMP_WORDS[COMP_CWORD-1]}
                  local command=""
                  (( COMP_CWORD > 1 )) && command=${COMP_WORDS[1]}
                  case "$command $prev_word" in
                %s  esac
                  if [[ "$curr_word" != -* ]]; then
                    case "$command" in
                %s    esac
                  fi
                  _complete_monstack "$@"
                }

                complete -F _monstack_complete -o default monstack
                """.formatted(options, positionals);
    }

    /**
     * The options with completion values whose list picocli's script keeps in the same variable as
     * another option's: it names the list after the value's label ({@code MODE_option_args} for both
     * --swarm-discovery=MODE and --publish-mode=MODE), so the last one would win. These are
     * completed here, each with its own values.
     */
    static List<OptionSpec> sharedValueLists(CommandSpec spec) {
        Map<String, List<OptionSpec>> byVariable = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.completionCandidates() != null && o.arity().max() > 0) {
                byVariable.computeIfAbsent(bashVariable(o.paramLabel()), k -> new ArrayList<>()).add(o);
            }
        }
        List<OptionSpec> shared = new ArrayList<>();
        byVariable.values().stream().filter(l -> l.size() > 1).forEach(shared::addAll);
        for (OptionSpec o : shared) {
            for (String value : o.completionCandidates()) {
                if (!value.matches("[A-Za-z0-9._:+-]+")) {
                    throw new IllegalStateException(o.longestName() + ": completion value " + value + " needs quoting");
                }
            }
        }
        return shared;
    }

    /** The name picocli's AutoComplete gives a label's variable: letters, digits and '_' kept, spaces as '_'. */
    private static String bashVariable(String label) {
        StringBuilder name = new StringBuilder();
        for (char c : label.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '_') {
                name.append(c);
            } else if (Character.isSpaceChar(c)) {
                name.append('_');
            }
        }
        return name.toString();
    }

    private static boolean takesStackFolder(ArgSpec arg) {
        return STACK_FOLDER_LABEL.equals(arg.paramLabel());
    }

    /** Option names as picocli's script lists them: those that take a value, or the flags. */
    private static String quoted(List<OptionSpec> options, boolean takingValues) {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : options) {
            if ((o.arity().max() > 0) == takingValues) {
                for (String name : o.names()) {
                    out.add("'" + name + "'");
                }
            }
        }
        return String.join(" ", out);
    }
}
