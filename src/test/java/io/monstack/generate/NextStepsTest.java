package io.monstack.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.StackSpec;
import org.junit.jupiter.api.Test;

class NextStepsTest {
    @Test
    void theLineChangesFolderOnlyWhenTheStackIsElsewhere() {
        StackSpec spec = StackSpec.empty("shop");
        assertThat(NextSteps.oneLine(spec, "my stack")).startsWith("cd 'my stack' && docker compose up -d --build && ");
        assertThat(NextSteps.oneLine(spec, ".")).startsWith("docker compose up -d --build && ").doesNotContain("cd ");
        assertThat(NextSteps.oneLine(spec, "./")).doesNotContain("cd ");
    }
}
