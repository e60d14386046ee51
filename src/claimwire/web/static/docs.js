// Interactive API docs, served offline from the vendored swagger-ui.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
