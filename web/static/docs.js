// Renders /api/openapi.json as a page: every path, its operations, parameters, request body and
// responses. Works offline: no third-party code, text nodes only.

const main = document.getElementById("main");

function h(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return `${schemaName(schema.items)}[]`;
  if (schema.enum) return schema.enum.join(" | ");
  return [].concat(schema.type || "object").join(" | ");
}

function operation(path, method, op) {
  const parameters = (op.parameters || []).map((p) =>
    h("tr", null, h("td", null, h("code", null, p.name)), h("td", null, p.in), h("td", null, schemaName(p.schema)), h("td", null, p.required ? "required" : ""), h("td", null, p.description || "")));
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(op.responses || {}).map(([status, r]) =>
    h("li", null, h("strong", null, status), " ", r.description || "", " ", h("code", null, schemaName(r.content?.["application/json"]?.schema))));
  return h("section", "operation",
    h("h2", null, h("code", null, `${method.toUpperCase()} ${path}`)),
    h("p", null, op.summary || "", op.security ? " (needs the bearer token)" : ""),
    parameters.length ? h("table", null, h("thead", null, h("tr", null, ["parameter", "in", "type", "", "meaning"].map((t) => h("th", null, t)))), h("tbody", null, parameters)) : null,
    body ? h("p", null, "Body: ", h("code", null, schemaName(body))) : null,
    h("ul", null, responses));
}

function schemas(components) {
  return Object.entries(components?.schemas || {}).map(([name, schema]) =>
    h("section", "schema", h("h2", null, name), schema.description ? h("p", "meta", schema.description) : null,
      h("ul", null, Object.entries(schema.properties || {}).map(([field, s]) =>
        h("li", null, h("code", null, field), `: ${schemaName(s)}`, (schema.required || []).includes(field) ? " (always)" : "", s.description ? ` — ${s.description}` : "")))));
}

try {
  const spec = await (await fetch("/api/openapi.json")).json();
  main.replaceChildren(
    h("h1", null, `${spec.info.title} API ${spec.info.version}`),
    h("p", null, spec.info.description),
    ...Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => operation(path, method, op))),
    h("h1", null, "Schemas"),
    ...schemas(spec.components));
  document.body.dataset.ready = "docs";
} catch (error) {
  main.replaceChildren(h("p", "error", `cannot load /api/openapi.json: ${error.message}`));
}
