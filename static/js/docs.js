// Starts Swagger UI on /docs; a file of its own so that the CSP needs no inline script.
const el = document.getElementById("swagger-ui");
window.ui = window.SwaggerUIBundle({ url: el.dataset.openapi, domNode: el, deepLinking: true });
