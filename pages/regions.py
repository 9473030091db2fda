"""Regions: needs by regional group, group x type, group x chapter, and a world map of needs per State."""

from app import cached, charts, navigation, queries
from app.filters import TYPE_LABELS
from app.sidebar import choose_state, current_filters
from app.view import TYPE_RULE, figure, page_header

navigation.through_entrypoint()

f = current_filters()
page_header("Regions", "Needs by United Nations regional group and by State.", f)

by_group = cached.run(queries.needs_by_group, f)
figure(charts.group_bar(by_group), by_group, key="regions_group", f=f,
       drill=[(r.regional_group, charts.drill_key(groups=r.regional_group)) for r in by_group.itertuples()])

status = cached.run(queries.state_status, f)
by_state = status[status["status"] == queries.STATUS_NEEDS].sort_values(["needs", "country"], ascending=[False, True])
counts = status["status"].value_counts()
figure(charts.world_map(status, zoom=bool(f.groups or f.states)), by_state.drop(columns="status"), key="regions_map",
       f=f, on_pick=lambda key: choose_state(charts.drill_fields(key).get("states")),
       rule=f"Blue: {counts.get(queries.STATUS_NEEDS, 0)} States with needs in scope. Sand: "
            f"{counts.get(queries.STATUS_NONE, 0)} States reviewed on these chapters with no needs in scope. Grey: "
            "not reviewed on these chapters, or no executive summary loaded. Click a State to make it the State "
            "filter; the link follows.",
       drill=[(r.country, charts.drill_key(states=r.iso3)) for r in by_state.itertuples()])

group_type = queries.group_types_of(cached.run(queries.type_breakdown, f))
figure(charts.by_type_bars(group_type, category="label", key_field="groups", key_column="regional_group",
                           title="Needs by regional group and type", x_label="Regional group"),
       group_type, key="regions_group_type", f=f, rule=TYPE_RULE,
       drill=[(f"{r.regional_group} × {TYPE_LABELS.get(r.type, r.type)}",
               charts.drill_key(groups=r.regional_group, types=r.type)) for r in group_type.itertuples()])

group_chapter = cached.run(queries.group_chapter, f)
figure(charts.heatmap(group_chapter, x="chapter_label", y="label", x_key=("chapters", "chapter"),
                      y_key=("groups", "regional_group"), title="Needs by regional group and chapter",
                      x_label="Chapter", y_label="Regional group"),
       group_chapter, key="regions_group_chapter", f=f,
       drill=[(f"{r.regional_group} × {r.chapter_label}", charts.drill_key(groups=r.regional_group,
                                                                           chapters=r.chapter))
              for r in group_chapter.itertuples()])
