package io.monstack.cli;

import io.monstack.spec.SpecException;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.TargetDraft;
import io.monstack.spec.TargetSetting;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * add-target's target flags, made from {@link TargetSetting} (so init's --target keys, the wizard
 * and these flags cannot drift apart): {@link #transform} adds one option per setting to the
 * command's model, and {@link #draft} reads what was typed into a draft.
 */
final class TargetOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
        for (TargetSetting s : TargetSetting.flags()) {
            String[] names = s.shortFlag() == null ? new String[] {s.flag()} : new String[] {s.shortFlag(), s.flag()};
            OptionSpec.Builder o = OptionSpec.builder(names).paramLabel(s.paramLabel()).description(s.description());
            if (s.repeatable()) {
                o.type(List.class).auxiliaryTypes(String.class).splitRegex(s.commaSeparated() ? "," : "");
            } else {
                o.type(String.class);
            }
            List<String> values = ShellCompletion.values(s);
            if (values != null) {
                o.completionCandidates(values);
            }
            command.addOption(o.build());
        }
        return command;
    }

    /** What the flags said, as a draft named name (null: not given); a bad value is one line naming the flag. */
    static TargetDraft draft(CommandSpec command, String name) {
        TargetDraft d = given(command, name);
        if (d.dnsSettingsWithoutName()) {
            throw new SpecException("--dns-type/--dns-port/--dns-refresh need --dns NAME");
        }
        return d;
    }

    /** The same, where another source may give the DNS name (a compose service: --dns-port alone changes its port). */
    static TargetDraft given(CommandSpec command, String name) {
        String clash = TargetSetting.runtimeClash(TargetSetting.EXPORTER.flag(), command.findOption(TargetSetting.EXPORTER.key()).getValue(),
                TargetSetting.RUNTIME.flag(), command.findOption(TargetSetting.RUNTIME.key()).getValue());
        if (clash != null) {
            throw new SpecException(clash);
        }
        TargetDraft d = new TargetDraft(name);
        for (TargetSetting s : TargetSetting.flags()) {
            Object value = command.findOption(s.key()).getValue();
            List<?> values = value == null ? List.of() : value instanceof List<?> list ? list : List.of(value);
            for (Object v : values) {
                try {
                    s.apply(d, (String) v);
                } catch (IllegalArgumentException e) {
                    throw new SpecException(s.flag() + " " + SpecValidator.show((String) v) + ": " + e.getMessage());
                }
            }
        }
        return d;
    }

    /** Whether any target flag was typed (the wizard asks only for the rest). */
    static boolean anyGiven(CommandSpec command) {
        return TargetSetting.flags().stream().anyMatch(s -> command.commandLine().getParseResult().hasMatchedOption(s.flag()));
    }
}
