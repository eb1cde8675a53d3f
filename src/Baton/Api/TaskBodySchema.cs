using System.Globalization;
using Baton.Core.Application;
using Baton.Core.Application.Fields;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Baton.Api;

/// <summary>
/// Gives the OpenAPI schema of a task body (<see cref="TaskBody"/>, and a workflow's <see cref="WorkflowTaskBody"/>)
/// the description and limits of each field from the task fields' one descriptor, so the document says what the API
/// enforces, in the same words as the other interfaces.
/// </summary>
internal static class TaskBodySchema
{
    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken = default)
    {
        if (context.JsonPropertyInfo is null && typeof(TaskRequest).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            schema.Properties?.Remove("created_by"); // Recorded from the caller, refused in a body.
            return Task.CompletedTask;
        }

        if (context.JsonPropertyInfo is not { } property
            || !typeof(TaskRequest).IsAssignableFrom(property.DeclaringType)
            || TaskFields.All.FirstOrDefault(f => f.Name == property.Name) is not { } field)
        {
            return Task.CompletedTask;
        }

        // The descriptor's words, the same as the MCP tools' and the CLI's, whatever the property's own comment says.
        schema.Description = field.Description;
        switch (field.Kind)
        {
            case TaskFieldKind.Text:
                schema.MaxLength = field.MaxLength;
                break;
            case TaskFieldKind.Integer:
                schema.Minimum = field.Minimum?.ToString(CultureInfo.InvariantCulture);
                schema.Maximum = field.Maximum?.ToString(CultureInfo.InvariantCulture);
                break;
            case TaskFieldKind.Amount:
                schema.Minimum = TaskFields.MinBudgetUsd.ToString(CultureInfo.InvariantCulture);
                schema.Maximum = TaskFields.MaxBudgetUsd.ToString(CultureInfo.InvariantCulture);
                break;
            case TaskFieldKind.TextList:
                schema.MaxItems = field.MaxItems;
                if (schema.Items is OpenApiSchema items)
                {
                    items.MaxLength = field.MaxLength;
                }

                break;
            case TaskFieldKind.TextMap:
                schema.MaxProperties = field.MaxItems;
                if (schema.AdditionalProperties is OpenApiSchema values)
                {
                    values.MaxLength = field.MaxLength;
                }

                break;
        }

        return Task.CompletedTask;
    }
}
