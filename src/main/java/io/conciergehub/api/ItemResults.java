package io.conciergehub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of an operation on many items (command batch, booking sync): one result per item,
 * accepted or refused on its own. 200 when all were accepted, 207 when some were, 400 when none.
 */
public final class ItemResults {

    private final String acceptedName;
    private final List<Map<String, Object>> results = new ArrayList<>();
    private int accepted;

    /** @param acceptedName what the answer calls the accepted count ("accepted", "merged") */
    public ItemResults(String acceptedName) {
        this.acceptedName = acceptedName;
    }

    /** A new result for the item at {@code index}; fill it and pass it to {@link #accepted} or {@link #refused}. */
    public Map<String, Object> item(int index) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", index);
        results.add(result);
        return result;
    }

    public void accepted() {
        accepted++;
    }

    public void refused(Map<String, Object> item, String error, String detail, String field) {
        item.put("error", error);
        item.put("detail", detail);
        if (field != null) {
            item.put("field", field);
        }
    }

    public void refused(Map<String, Object> item, HttpProblem problem) {
        refused(item, problem.getError(), problem.getDetail(), problem.getField());
    }

    public ApiResponse response() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(acceptedName, accepted);
        answer.put("rejected", results.size() - accepted);
        answer.put("results", results);
        int status = accepted == 0 ? 400 : accepted == results.size() ? 200 : 207;
        return new ApiResponse(status, answer, Map.of());
    }
}
