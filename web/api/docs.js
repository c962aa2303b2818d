// Renders /api/v1/openapi.json with Swagger UI (npm swagger-ui-dist, served from our origin). An
// external file, because the pages' Content-Security-Policy allows no inline script. Each operation
// also shows its curl samples (the description's x-codeSamples), which Swagger UI does not render.
(function () {
  "use strict";
  if (typeof window.SwaggerUIBundle !== "function") return;  // the page keeps its link

  function CodeSamplesPlugin(system) {
    var React = system.React;
    return {
      wrapComponents: {
        responses: function (Original) {
          return function (props) {
            var samples = system.specSelectors
              .specJson()
              .getIn(["paths", props.path, props.method, "x-codeSamples"]);
            var original = React.createElement(Original, props);
            if (!samples || !samples.size) return original;
            var items = samples.toJS().map(function (sample, index) {
              return React.createElement(
                "div",
                { key: index },
                React.createElement("h4", null, "Example request (" + (sample.label || sample.lang) + ")"),
                React.createElement("pre", null, React.createElement("code", null, sample.source)),
              );
            });
            return React.createElement(
              "div",
              null,
              React.createElement("div", { className: "code-samples" }, items),
              original,
            );
          };
        },
      },
    };
  }

  window.ui = window.SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#api-docs",
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    plugins: [CodeSamplesPlugin],
    layout: "BaseLayout",
  });
})();
