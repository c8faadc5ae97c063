package io.monstack.spec;

/**
 * Describes the problems of a target that came from flags (add-target) by the flag that sets
 * what is wrong, not by its place in monstack.yml, which the user never typed; problems of other
 * parts of the spec are described as usual.
 */
public final class TargetFlagLocator implements PathLocator {
    private final StackSpec spec;
    private final String name;

    /** Problems of the target named name in spec (the spec the problems were found in). */
    public TargetFlagLocator(StackSpec spec, String name) {
        this.spec = spec;
        this.name = name;
    }

    @Override
    public String describe(Problem problem) {
        int index = problem.targetIndex();
        if (index < 0 || !isTheTarget(index)) {
            return problem.toString();
        }
        TargetSetting setting = problem.setting();
        // a runtime problem names the runtime, which --runtime or --exporter gave
        boolean byFlag = setting != null && setting != TargetSetting.RUNTIME && setting != TargetSetting.NAME;
        return "target " + SpecValidator.show(name) + ": " + (byFlag ? setting.flag() + ": " : "") + problem.message();
    }

    private boolean isTheTarget(int index) {
        return index < spec.targets().size() && spec.targets().get(index).name().equals(name);
    }
}
