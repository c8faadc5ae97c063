package io.monstack.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders the FreeMarker templates of templates/. Strict: a missing value is an error, never an
 * empty string; numbers print as plain digits. Templates quote user values with q (YAML),
 * cq (Compose), jq (JSON), dq (Dockerfile), mdc/mdt (Markdown code/text).
 */
public final class TemplateRenderer {
    private final Configuration config = Shared.CONFIG;

    /** One FreeMarker configuration per process: it caches parsed templates and is thread-safe once set up. */
    private static final class Shared {
        static final Configuration CONFIG = configure();
    }

    private static Configuration configure() {
        Configuration config = new Configuration(Configuration.VERSION_2_3_34);
        // Records are read as t.name (their accessors), with methods such as port() still callable.
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        wrapper.setExposeFields(false);
        config.setObjectWrapper(wrapper.build());
        config.setTemplateLoader(new ClassTemplateLoader(TemplateRenderer.class, "/templates"));
        config.setDefaultEncoding("UTF-8");
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        config.setNumberFormat("computer");
        config.setBooleanFormat("c");
        config.setAPIBuiltinEnabled(false);
        config.setNewBuiltinClassResolver(freemarker.core.TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        config.setLocalizedLookup(false);
        return config;
    }

    /** Parses templates ahead of use (start-up: done on a second core while the CLI parses its arguments). */
    public static void preload(String... templatePaths) {
        for (String path : templatePaths) {
            try {
                Shared.CONFIG.getTemplate(path);
            } catch (IOException e) {
                // the real render reports it
            }
        }
    }

    public String render(String templatePath, Map<String, Object> model) {
        Map<String, Object> root = new HashMap<>(model);
        root.put("q", quoting(Quote::yaml));
        root.put("cq", quoting(Quote::compose));
        root.put("jq", quoting(Quote::json));
        root.put("dq", quoting(Quote::dockerfile));
        root.put("mdc", quoting(Quote::markdownCode));
        root.put("mdt", quoting(Quote::markdownText));
        try {
            Template template = config.getTemplate(templatePath);
            StringWriter out = new StringWriter();
            template.process(root, out);
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("template " + templatePath + " cannot be read: " + e.getMessage(), e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + templatePath + " failed: " + e.getMessageWithoutStackTop(), e);
        }
    }

    private static TemplateMethodModelEx quoting(UnaryOperator<String> quote) {
        return (List arguments) -> {
            if (arguments.size() != 1) {
                throw new TemplateModelException("quoting takes exactly one value");
            }
            Object value = DeepUnwrap.unwrap((freemarker.template.TemplateModel) arguments.get(0));
            if (value == null) {
                throw new TemplateModelException("cannot quote a missing value");
            }
            return quote.apply(String.valueOf(value));
        };
    }
}
