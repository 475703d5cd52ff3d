{#- The dbt_utils test of the same name, written here because dbt packages come from
    hub.getdbt.com, which this project's CI cannot reach. -#}
{% test expression_is_true(model, expression, column_name=None) %}
select * from {{ model }} where not ({{ expression }})
{% endtest %}
