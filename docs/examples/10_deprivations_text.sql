SELECT '{water,health_insurance}'::deprivations AS reordered,
       ' {  nutrition ,employment }'::deprivations AS blanks,
       '{}'::deprivations AS empty;
