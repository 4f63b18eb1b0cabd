package dev.provision.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceRange;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders Jinja templates strictly: an undefined variable, an unknown filter or a syntax error is a
 * diagnostic at the template's line, never silently an empty string.
 */
public final class TemplateRenderer {
    private final Jinjava jinjava;

    public TemplateRenderer() {
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withTrimBlocks(false)
                .withLstripBlocks(false)
                .build());
    }

    /** The rendered text, or {@code null} when {@code diagnostics} received errors. */
    public String render(Path file, String template, Map<String, ?> variables, Diagnostics diagnostics) {
        RenderResult result;
        try {
            result = jinjava.renderForResult(template, Map.copyOf(variables));
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
