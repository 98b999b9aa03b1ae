using AfterSales.Domain.Safety;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Safety;

/// <summary>SAF-2: a permit template: its name, the equipment kinds it is for, the steps before the work and after it, one a line.</summary>
[Authorize(Policy = Policies.ManageSafety)]
public sealed class TemplateModel(SafetyService safety) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public TemplateForm Input { get; set; } = new();

    public sealed class TemplateForm
    {
        public string? Name { get; set; }
        public string? EquipmentKinds { get; set; }
        public bool IsActive { get; set; } = true;
        public string? Before { get; set; }
        public string? After { get; set; }
        public int? Version { get; set; }
    }

    public async Task OnGetAsync()
    {
        if (Id is not { } id) return;
        var t = await safety.TemplateAsync(id);
        Input = new TemplateForm
        {
            Name = t.Name, EquipmentKinds = t.EquipmentKinds, IsActive = t.IsActive, Version = t.Version,
            Before = string.Join("\n", t.Steps.Where(s => s.Phase == PermitPhase.BeforeWork).Select(s => s.Title)),
            After = string.Join("\n", t.Steps.Where(s => s.Phase == PermitPhase.AfterWork).Select(s => s.Title)),
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        static IEnumerable<TemplateStepInput> Lines(string? text, PermitPhase phase) =>
            (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(l => new TemplateStepInput(l, phase));
        var steps = Lines(Input.Before, PermitPhase.BeforeWork).Concat(Lines(Input.After, PermitPhase.AfterWork)).ToList();
        var id = await safety.SaveTemplateAsync(Id, new TemplateInput(Input.Name, Input.EquipmentKinds, Input.IsActive, steps, Input.Version));
        return Redirect($"/Safety/Template/{id}?saved=1");
    }
}
