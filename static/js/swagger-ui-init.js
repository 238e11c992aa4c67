/* Starts Swagger UI on /api/v1/docs (templates/ninja/swagger.html) with
   django-ninja's settings from the page, and one plugin of our own.

   Swagger UI titles the page h1 and each group of operations h3, with
   nothing between (axe-core: heading-order). The plugin gives the
   operations a visible h2 of their own, so the headings go down one level
   at a time; and it names the copy buttons and lets the keyboard reach
   the code boxes. The API only reads, so no request needs a CSRF token. */
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

  // Swagger UI's copy buttons and its authorisation dialog's close button
  // have no name, and its code boxes scroll but take no focus (axe-core:
  // button-name, scrollable-region-focusable). They appear once an
  // operation is tried or the dialog opens: mend each as it comes.
  const root = document.getElementById("swagger-ui");
  const mend = () => {
    for (const button of root.querySelectorAll(".copy-to-clipboard > button:not([aria-label])")) {
      button.setAttribute("aria-label", "Copy to clipboard");
    }
    for (const button of root.querySelectorAll("button.close-modal:not([aria-label])")) {
      button.setAttribute("aria-label", "Close");
    }
    for (const box of root.querySelectorAll(".microlight:not([tabindex])")) {
      box.setAttribute("tabindex", "0");
    }
  };
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });

  SwaggerUIBundle({
    ...settings,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    plugins: [EndpointsHeading],
  });
})();
