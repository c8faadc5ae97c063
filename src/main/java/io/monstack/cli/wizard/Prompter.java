package io.monstack.cli.wizard;

import io.monstack.spec.SpecValidator;
import io.monstack.stack.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Asks one question at a time: prints the prompt (with its default), reads a line, checks it and
 * asks again with the reason when it is wrong. End of input throws {@link Aborted}.
 */
public final class Prompter {
    /** A check returns null when the answer is fine, else the reason it is not. */
    public interface Check extends Function<String, String> {
    }

    /** End of input: the user gave up (Ctrl-D, or an answers file that ends too soon). */
    public static final class Aborted extends RuntimeException {
        public Aborted() {
            super("aborted: nothing written");
        }
    }

    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean echo;

    /** echo: print each answer after its prompt (when the input is not a terminal, which echoes by itself). */
    public Prompter(BufferedReader in, PrintWriter out, boolean echo) {
        this.in = in;
        this.out = out;
        this.echo = echo;
    }

    public void say(String text) {
        out.println(text);
        out.flush();
    }

    /** Asks until check accepts. An empty answer takes def; def null = no default, "" = may be left empty. */
    public String ask(String question, String def, Check check) {
        while (true) {
            out.print(question + (def == null || def.isEmpty() ? "" : " [" + def + "]") + ": ");
            out.flush();
            String answer = readLine().strip();
            if (answer.isEmpty() && def != null) {
                answer = def;
            }
            String problem = check.apply(answer);
            if (problem == null) {
                return answer;
            }
            say("  ! " + problem);
        }
    }

    /** A value given as a flag skips its question, but must pass the same check. */
    public String given(String value, String question, String def, Check check) {
        if (value == null) {
            return ask(question, def, check);
        }
        String problem = check.apply(value);
        if (problem != null) {
            throw new UserException(SpecValidator.show(value) + ": " + problem);
        }
        return value;
    }

    public boolean yesNo(String question, boolean def) {
        String answer = ask(question + (def ? " [Y/n]" : " [y/N]"), "", a -> a.isEmpty()
                || List.of("y", "yes", "n", "no").contains(a.toLowerCase(Locale.ROOT)) ? null : "answer y or n");
        return answer.isEmpty() ? def : answer.toLowerCase(Locale.ROOT).startsWith("y");
    }

    /** A numbered menu; the answer may be the number or the id. Returns the id. */
    public String choose(String question, List<String> ids, List<String> labels, String def) {
        int width = ids.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < ids.size(); i++) {
            say(String.format("  %2d) %-" + width + "s  %s", i + 1, ids.get(i), labels.get(i)));
        }
        String answer = ask(question, def, a -> ids.contains(a) || isIndex(a, ids.size()) ? null
                : "choose a number from 1 to " + ids.size() + " or a name from the list");
        return ids.contains(answer) ? answer : ids.get(Integer.parseInt(answer) - 1);
    }

    private static boolean isIndex(String text, int size) {
        return text.matches("\\d{1,3}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= size;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                out.println();
                out.flush();
                throw new Aborted();
            }
            if (echo) {
                say(line);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer: " + e.getMessage(), e);
        }
    }
}
