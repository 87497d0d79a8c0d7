"""The admins' payout statements in /cms/: every reviewer's statements, each
with its lines, PDF and CSV; issuing a quarter's statements on demand (the
schedule does it daily too); marking a statement paid, once.

Admins only, as every billing tool: the policy hides the menu item and the
listing from the director and other staff, and each custom view asks
``AdminRequiredMixin`` again. Marking paid goes through
``statements.statement_mark_paid`` (row lock, refuses a second mark).
"""

from django import forms
from django.conf import settings
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from community.admin_policy import RuleViewSet
from community.downloads import file_download
from consultation_billing import statement_files, statements
from consultation_billing.ledger import utc_date
from consultation_billing.models import PayoutStatement
from memberships.wagtail_admin.policy import AdminRequiredMixin, admin_only_policy

register_permission_policy(
    PayoutStatement, admin_only_policy(PayoutStatement, actions={"view"})
)

NAME = "consultation_payout_statements"


def _url(view: str, *args) -> str:
    return reverse(f"{NAME}:{view}", args=args)


class BillingAdminRequiredMixin(AdminRequiredMixin):
    refusal_message = "The consultation billing tools are for admins."


# Forms -----------------------------------------------------------------------------


class MarkPaidForm(forms.Form):
    paid_on = forms.DateField(
        label="Paid on", widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(
        label="Payment reference",
        max_length=100,
        help_text="The department's transfer or voucher number.",
        error_messages={"required": "Enter the payment's reference."},
    )

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > utc_date():
            raise forms.ValidationError("The payment date cannot be in the future.")
        return paid_on


def _quarter_choices():
    return [(q, f"Q{q}") for q in (1, 2, 3, 4)]


class IssueForm(forms.Form):
    year = forms.IntegerField(min_value=2020, max_value=2100)
    quarter = forms.TypedChoiceField(choices=_quarter_choices, coerce=int)

    def clean(self):
        data = super().clean()
        if "year" in data and "quarter" in data:
            period = statements.Quarter(data["year"], data["quarter"])
            if period.last_day >= utc_date():
                raise forms.ValidationError(
                    f"{period} has not ended yet: its lines may still come."
                )
        return data


# Views -----------------------------------------------------------------------------


class StatementIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("reviewer")
            .annotate(line_count=Count("lines"), total=Sum("lines__amount"))
        )

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Issue a quarter's statements", url=_url("issue"), icon_name="plus"
            ),
        ]


class QuarterColumn(Column):
    def get_value(self, instance):
        return f"{instance.year} Q{instance.quarter}"


class TotalColumn(Column):
    def get_value(self, instance):
        total = getattr(instance, "total", None) or 0
        return statements.money(total, settings.CONSULT_PAYOUT_CURRENCY)


class _AdminPage(BillingAdminRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": _url("index"), "label": "Payout statements"},
            {"url": "", "label": self.get_page_title()},
        ]


class StatementDetailView(_AdminPage, TemplateView):
    template_name = "consultation_billing/admin/statement.html"
    form = None

    def get_page_title(self):
        return f"Payout statement {self.view.quarter}"

    @cached_property
    def statement(self) -> PayoutStatement:
        return get_object_or_404(
            PayoutStatement.objects.select_related("reviewer", "marked_paid_by"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def view(self) -> statements.StatementView:
        return statements.statement_view(self.statement)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = self.statement.pk
        context.update(
            view=self.view,
            form=self.form or MarkPaidForm(initial={"paid_on": utc_date()}),
            mark_paid_url=_url("mark_paid", pk),
            pdf_url=_url("pdf", pk),
            csv_url=_url("csv", pk),
        )
        return context


class MarkPaidView(StatementDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = MarkPaidForm(request.POST)
        if not form.is_valid():
            self.form = form
            messages.validation_error(
                request, "The statement was not marked paid: see below.", form
            )
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            statements.statement_mark_paid(
                statement_id=self.statement.pk,
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
                actor=request.user,
            )
        except statements.StatementError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                f"The statement of {self.statement.reviewer.get_display_name()} "
                f"for {self.view.quarter} is marked paid.",
            )
        return redirect(_url("detail", self.statement.pk))


class StatementFileView(BillingAdminRequiredMixin, View):
    http_method_names = ["get", "head"]
    extension = "pdf"

    def get(self, request, pk):
        statement = get_object_or_404(
            PayoutStatement.objects.select_related("reviewer"), pk=pk
        )
        view = statements.statement_view(statement)
        if self.extension == "pdf":
            body, content_type = statement_files.statement_pdf(view), "application/pdf"
        else:
            body = statement_files.statement_csv(view)
            content_type = "text/csv; charset=utf-8"
        return file_download(
            body,
            content_type=content_type,
            filename=statement_files.filename(view, self.extension),
        )


class IssueView(_AdminPage, FormView):
    form_class = IssueForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = "Issue a quarter's statements"

    def get_initial(self):
        last = statements.last_ended_quarter()
        return {"year": last.year, "quarter": last.quarter}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context["form"].media
        context["action_url"] = self.request.path
        context["submit_button_label"] = "Issue statements"
        context["submit_button_active_label"] = "Issuing…"
        return context

    def form_valid(self, form):
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        issued = statements.statements_issue_for_quarter(year=year, quarter=quarter)
        messages.success(
            self.request,
            f"{len(issued)} statement(s) issued for {year} Q{quarter}."
            if issued
            else f"No line of {year} Q{quarter} was waiting for a statement.",
        )
        return redirect(_url("index"))

    def form_invalid(self, form):
        messages.validation_error(
            self.request, "No statement was issued: see below.", form
        )
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class StatementViewSet(RuleViewSet):
    model = PayoutStatement
    name = NAME
    url_prefix = "consultation-billing/statements"
    icon = "doc-full"
    menu_label = "Payout statements"
    add_to_reference_index = False
    index_view_class = StatementIndexView
    list_display = [
        TitleColumn(
            "reviewer",
            label="Reviewer",
            get_url=lambda obj: _url("detail", obj.pk),
        ),
        QuarterColumn("quarter", label="Quarter"),
        Column("line_count", label="Lines"),
        TotalColumn("total", label="Total"),
        DateColumn("paid_on", label="Paid on"),
        Column("paid_reference", label="Reference"),
    ]
    list_filter = ["year", "quarter"]
    search_fields = ["reviewer__display_name", "reviewer__email"]
    list_per_page = 50

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("issue/", IssueView.as_view(), name="issue"),
            path("<int:pk>/", StatementDetailView.as_view(), name="detail"),
            path("<int:pk>/mark-paid/", MarkPaidView.as_view(), name="mark_paid"),
            path("<int:pk>/pdf/", StatementFileView.as_view(), name="pdf"),
            path(
                "<int:pk>/csv/", StatementFileView.as_view(extension="csv"), name="csv"
            ),
        ]

    def register_admin_url_finder(self):
        pass
