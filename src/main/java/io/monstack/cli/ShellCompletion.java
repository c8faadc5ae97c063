package io.monstack.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The completion scripts of `monstack completion`: picocli's script for the command model
 * (subcommands, options, runtime ids as completion candidates), plus one thing picocli cannot
 * know: an argument labelled DIR takes a stack folder, so only folders holding a monstack.yml
 * are offered there. init's DIR is the exception, a folder still to be made.
 */
final class ShellCompletion {
    static final String STACK_FOLDER_LABEL = "DIR";
    private static final Set<String> NEW_FOLDER_COMMANDS = Set.of("init");

    private ShellCompletion() {
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
            if (NEW_FOLDER_COMMANDS.contains(spec.name())) {
                continue;
            }
            List<String> names = new ArrayList<>(List.of(spec.name()));
            names.addAll(List.of(spec.aliases()));
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

                # monstack: stack folders (folders holding a monstack.yml) where an argument takes one.
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
