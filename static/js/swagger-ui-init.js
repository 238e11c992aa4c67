/* Starts Swagger UI on /api/v1/docs (templates/ninja/swagger.html) with
   django-ninja's settings from the page, and one plugin of our own.

   Swagger UI titles the page h1 and each group of operations h3, with
   nothing between (axe-core: heading-order). The plugin gives the
   operations a visible h2 of their own, so the headings go down one level
   at a time. The API only reads, so no request needs a CSRF token. */
(() => {
  const settings = JSON.parse(
    document.getElementById("swagger-settings").textContent,
  );

  const EndpointsHeading = () => ({
    wrapComponents: {
      operations: (Operations, system) => (props) => {
        const h = system.React.createElement;
        return h(
          "section",
          { className: "endpoints", "aria-labelledby": "endpoints-heading" },
          h("h2", { id: "endpoints-heading", className: "endpoints__heading" }, "Endpoints"),
          h(Operations, props),
        );
      },
    },
  });

  SwaggerUIBundle({
    ...settings,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    plugins: [EndpointsHeading],
  });
})();
