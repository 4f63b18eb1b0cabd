package dev.provision.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceRange;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Renders Jinja templates strictly: an undefined variable, an unknown filter or a syntax error is a
 * diagnostic at the template's line, never silently an empty string. A rendering that succeeded
 * before with the same template and variables is taken from the {@link RenderCache}; the template
 * engine is only started for one that did not.
 */
public final class TemplateRenderer {
    private final RenderCache cache;
    private Jinjava jinjava;

    public TemplateRenderer() {
        this(RenderCache.standard());
    }

    TemplateRenderer(RenderCache cache) {
        this.cache = cache;
    }

    /** The rendered text, or {@code null} when {@code diagnostics} received errors. */
    public String render(Path file, String template, Map<String, ?> variables, Diagnostics diagnostics) {
        Optional<String> key = cache.key(template, variables);
        Optional<String> remembered = key.flatMap(cache::get);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        String output = renderNow(file, template, variables, diagnostics);
        if (output != null) {
            key.ifPresent(k -> cache.put(k, output));
        }
        return output;
    }

    private synchronized Jinjava jinjava() {
        if (jinjava == null) {
            jinjava = new Jinjava(JinjavaConfig.newBuilder()
                    .withFailOnUnknownTokens(true)
                    .withTrimBlocks(false)
                    .withLstripBlocks(false)
                    .build());
        }
        return jinjava;
    }

    private String renderNow(Path file, String template, Map<String, ?> variables, Diagnostics diagnostics) {
        RenderResult result;
        try {
            result = jinjava().renderForResult(template, Map.copyOf(variables));
        } catch (RuntimeException e) {
            diagnostics.error(SourceRange.none(file), "the template cannot be rendered: " + e.getMessage(),
                    "fix the template");
            return null;
        }
        boolean failed = false;
        for (TemplateError error : result.getErrors()) {
            int line = Math.max(error.getLineno(), 1);
            int column = Math.max(error.getStartPosition(), 1);
            String message = error.getMessage().replaceFirst("^UnknownTokenException: Unknown token found: ", "undefined variable ");
            diagnostics.error(new SourceRange(file, line, column), "template error: " + message,
                    "define the variable or fix the expression; available variables are " + variables.keySet());
            failed = true;
        }
        return failed ? null : result.getOutput();
    }
}
