package io.conciergehub;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * A route made from a route template gets the description and group its parameters name
 * ({@code description: "{{description}}"}): Camel 4.16 resolves a template's parameters in its steps,
 * but copies the route's description and group as written, and a YAML {@code templatedRoute} has
 * neither. /api/routes and the route groups need them per route.
 */
final class TemplatedRoutes {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\{([\\w.-]+)}}");

    private TemplatedRoutes() {
    }

    /** Before the routes are added. */
    static void install(CamelContext context) {
        context.getCamelContextExtension().getContextPlugin(Model.class).addRouteTemplateDefinitionConverter("*",
                (template, parameters) -> {
                    RouteDefinition route = RouteTemplateDefinition.Converter.DEFAULT_CONVERTER.apply(template, parameters);
                    route.setDescription(resolve(route.getDescription(), parameters));
                    route.setGroup(resolve(route.getGroup(), parameters));
                    return route;
                });
    }

    static String resolve(String text, Map<String, Object> parameters) {
        return text == null ? null : PARAMETER.matcher(text).replaceAll(parameter -> Matcher.quoteReplacement(
                String.valueOf(parameters.getOrDefault(parameter.group(1), parameter.group()))));
    }
}
