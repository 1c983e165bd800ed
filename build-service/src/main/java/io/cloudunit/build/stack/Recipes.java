package io.cloudunit.build.stack;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.cloudunit.platform.problem.ProblemException;

/** The stacks this service can build; the others are refused before the upload is read. */
@ApplicationScoped
public class Recipes {
    private final Map<String, Recipe> byStack;

    public Recipes(Instance<Recipe> recipes) {
        this.byStack = recipes.stream().collect(Collectors.toUnmodifiableMap(Recipe::stack, Function.identity()));
    }

    public Recipe forStack(String stack) {
        Recipe recipe = byStack.get(stack);
        if (recipe == null) {
            throw ProblemException.unprocessable("stack " + stack + " is not buildable yet: buildable stacks are "
                    + String.join(", ", byStack.keySet().stream().sorted().toList()));
        }
        return recipe;
    }
}
